/* The submission form: the artisan and any number of products, each with its own photos. Validates with the
   validator's rules (rules.js + schema.json), keeps a draft on the phone (draft.js), shrinks the photos, writes
   the entry folders and paket.json into a .zip (zip.js) and hands it to the share sheet, or downloads it. */
(function () {
  "use strict";
  var LONGEST_SIDE = 2560, QUALITY = 0.85, MAX_PHOTOS = 5;
  var form = document.getElementById("submission");
  if (!form) { return; }
  var lang = form.getAttribute("data-lang") || "id";
  var validator = null;
  var text = function (key) {
    var node = document.querySelector("#sf-text").content.querySelector('[data-key="' + key + '"]');
    return node ? node.textContent : key;
  };
  var status = document.getElementById("sf-status");

  fetch(form.getAttribute("data-schema")).then(function (r) { return r.json(); }).then(function (doc) {
    validator = new window.KriyaRules.Validator(doc);
    form.setAttribute("data-ready", "true");
  }).catch(function () { status.textContent = text("offline"); });

  var list = document.getElementById("sf-products"), template = document.getElementById("sf-product-template");
  var draft = window.KriyaDraft;

  function sections() { return Array.prototype.slice.call(list.querySelectorAll(".sf-product")); }

  // Only the techniques of the chosen category, in the section whose category changed.
  function filterTechniques(section) {
    var category = section.querySelector('[data-field="category"]'), technique = section.querySelector('[data-field="technique"]');
    Array.prototype.forEach.call(technique.options, function (o) {
      o.hidden = !!o.value && !!category.value && o.getAttribute("data-category") !== category.value;
    });
    if (technique.selectedOptions[0] && technique.selectedOptions[0].hidden) { technique.value = ""; }
  }

  // Sections keep the number they were made with (their ids); their legends show their place in the form.
  function renumber() {
    var all = sections(), legend = template.content.querySelector("legend").textContent;
    all.forEach(function (section, i) {
      section.querySelector("legend").textContent = legend.replace("__N__", String(i + 1));
      section.querySelector("[data-remove-product]").hidden = all.length === 1;
    });
  }

  function addProduct(n) {
    if (!n) { n = sections().reduce(function (m, s) { return Math.max(m, +s.getAttribute("data-product")); }, 0) + 1; }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__N__/g, String(n));
    var section = holder.querySelector(".sf-product");
    list.appendChild(section);
    renumber();
    return section;
  }

  function slugify(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /* The values of one model as front matter would hold them; empty fields are left out. */
  function collect(model, root) {
    var data = {}, body = "";
    (root || form).querySelectorAll('[data-model="' + model + '"]').forEach(function (el) {
      var field = el.getAttribute("data-field");
      if (el.type === "checkbox") {
        data[field] = data[field] || [];
        if (el.checked) { data[field].push(el.value); }
        return;
      }
      if (el.type === "radio") {
        if (el.checked) { data[field] = field === "ships_indonesia" ? el.value === "true" : el.value; }
        return;
      }
      var value = el.value.trim();
      if (field === "body") { body = value; return; }
      if (!value) { return; }
      if (field === "materials") { data[field] = value.split(/\s*[,;]\s*/).filter(Boolean); return; }
      if (/^(price|lead_time_days|weight_g|founded|dispatch_days)$/.test(field) && /^[0-9]+$/.test(value)) { value = parseInt(value, 10); }
      data[field] = value;
    });
    if (Array.isArray(data.crafts) && !data.crafts.length) { delete data.crafts; }
    return { data: data, body: body };
  }

  function yamlScalar(value) {
    if (typeof value === "number" || typeof value === "boolean") { return String(value); }
    return JSON.stringify(String(value)); // a JSON string is a YAML double-quoted scalar
  }

  function frontMatter(data, body) {
    var lines = ["---"];
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      if (Array.isArray(value)) {
        lines.push(key + ":");
        value.forEach(function (item) {
          if (item && typeof item === "object") {
            var keys = Object.keys(item);
            keys.forEach(function (k, i) { lines.push((i ? "    " : "  - ") + k + ": " + yamlScalar(item[k])); });
          } else { lines.push("  - " + yamlScalar(item)); }
        });
      } else { lines.push(key + ": " + yamlScalar(value)); }
    });
    lines.push("---");
    return lines.join("\n") + "\n" + (body ? body + "\n" : "");
  }

  function clearErrors() {
    form.querySelectorAll(".sf-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".sf-invalid").forEach(function (f) { f.classList.remove("sf-invalid"); });
    document.getElementById("sf-summary").hidden = true;
    document.getElementById("sf-summary-list").textContent = "";
  }

  function showErrors(problems) {
    var list = document.getElementById("sf-summary-list");
    problems.forEach(function (p) {
      var top = p.field.split(/[.[]/)[0];
      var box = (p.root || form).querySelector('[data-for="' + p.model + "." + top + '"]');
      var message = p.message || validator.message(p, lang);
      var label = box ? (box.querySelector("label, legend") || {}).textContent : p.field;
      if (box) {
        // A field folded away (shipping of one product, the English text) is unfolded to show its problem.
        if (box.closest("details")) { box.closest("details").open = true; }
        box.classList.add("sf-invalid");
        var err = box.querySelector(".sf-error");
        err.hidden = false;
        err.textContent = (err.textContent ? err.textContent + " " : "") + message;
      }
      var li = document.createElement("li");
      var a = document.createElement("a");
      // A group of radios or boxes is reached through its first one (each has an id).
      var target = box && box.querySelector("input[id], select[id], textarea[id]");
      a.href = "#" + (target ? target.id : "submission");
      var where = p.root ? p.root.querySelector("legend").textContent + ": " : "";
      a.textContent = where + (label || p.field).replace(/\s*\*\s*$/, "").trim() + ": " + message;
      li.appendChild(a);
      list.appendChild(li);
    });
    var summary = document.getElementById("sf-summary");
    summary.hidden = false;
    summary.focus();
    status.textContent = text("invalid");
  }

  function photoName(file, prefix, index) {
    return prefix + "-" + (index + 1) + ".jpg";
  }

  /* Decode (with the EXIF orientation applied), scale to at most LONGEST_SIDE and re-encode: the canvas
     keeps no metadata, so GPS and camera data never leave the phone. */
  function shrink(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var ctx = canvas.getContext("2d");
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) { return blob ? resolve(blob) : reject(new Error("encode")); }, "image/jpeg", QUALITY);
      });
    }).then(function (blob) { return blob.arrayBuffer(); }).then(function (buffer) { return new Uint8Array(buffer); });
  }

  function build() {
    var artisan = collect("artisan"), artisanEn = collect("artisan_en");
    var aSlug = slugify(artisan.data.name || "");
    var portrait = document.getElementById("artisan-photo").files[0];
    var problems = [], taken = {};
    var platform = form.querySelector('[data-storefront="platform"]').value;
    var url = form.querySelector('[data-storefront="url"]').value.trim();
    if (platform && url) { artisan.data.storefronts = [{ platform: platform, url: url }]; } else if (platform || url) {
      problems.push({ model: "artisan", field: "storefronts", code: "storefront_half", params: {}, message: text("storefront_half") });
    }
    if (portrait) { artisan.data.photo = "foto-perajin.jpg"; }
    var checks = [["artisan", artisan.data, null]];
    if (Object.keys(artisanEn.data).length) { checks.push(["artisan_en", artisanEn.data, null]); }
    var products = sections().map(function (section) {
      var product = collect("product", section), productEn = collect("product_en", section);
      var photos = Array.prototype.slice.call(section.querySelector('[data-photo="product"]').files);
      // Two products of the same name in one package get folders of their own.
      var base = slugify(product.data.title || "") || "produk", slug = base, n = 2;
      while (taken[slug]) { slug = base + "-" + n++; }
      taken[slug] = true;
      product.data.artisan = aSlug;
      product.data.photos = photos.map(function (f, i) { return photoName(f, "foto", i); });
      if (photos.length > MAX_PHOTOS) {
        problems.push({ model: "product", field: "photos", code: "photo_count", params: {}, message: text("photo_count"), root: section });
      }
      product.data.added = today();
      checks.push(["product", product.data, section]);
      if (Object.keys(productEn.data).length) { checks.push(["product_en", productEn.data, section]); }
      return { slug: slug, product: product, productEn: productEn, photos: photos };
    });
    checks.forEach(function (c) {
      validator.validate(c[0], c[1]).forEach(function (p) { p.model = c[0]; p.root = c[2]; problems.push(p); });
    });
    return { problems: problems, artisan: artisan, artisanEn: artisanEn, aSlug: aSlug, portrait: portrait,
      products: products };
  }

  function makePackage(entry) {
    var enc = new TextEncoder(), files = [];
    var a = "artisans/" + entry.aSlug + "/";
    var manifest = { format: 1, lang: lang, products: entry.products.map(function (p) { return p.slug; }) };
    files.push({ name: "paket.json", data: enc.encode(JSON.stringify(manifest, null, 1) + "\n") });
    files.push({ name: a + "index.id.md", data: enc.encode(frontMatter(entry.artisan.data, entry.artisan.body)) });
    if (Object.keys(entry.artisanEn.data).length) {
      files.push({ name: a + "index.en.md", data: enc.encode(frontMatter(entry.artisanEn.data, "")) });
    }
    var jobs = [];
    entry.products.forEach(function (item) {
      var p = "products/" + item.slug + "/";
      files.push({ name: p + "index.id.md", data: enc.encode(frontMatter(item.product.data, item.product.body)) });
      if (Object.keys(item.productEn.data).length) {
        files.push({ name: p + "index.en.md", data: enc.encode(frontMatter(item.productEn.data, "")) });
      }
      // One photo at a time: a phone holds few decoded 12-megapixel pictures in memory at once.
      item.photos.forEach(function (file, i) {
        jobs.push(function () {
          return shrink(file).then(function (data) { files.push({ name: p + item.product.data.photos[i], data: data }); });
        });
      });
    });
    if (entry.portrait) {
      jobs.push(function () {
        return shrink(entry.portrait).then(function (data) { files.push({ name: a + entry.artisan.data.photo, data: data }); });
      });
    }
    return jobs.reduce(function (chain, job) { return chain.then(job); }, Promise.resolve()).then(function () {
      files.sort(function (x, y) { return x.name < y.name ? -1 : 1; });
      return window.KriyaZip.make(files);
    });
  }

  function deliver(blob, name) {
    var file = new File([blob], name, { type: "application/zip" });
    var link = document.getElementById("sf-download");
    if (link.href.indexOf("blob:") === 0) { URL.revokeObjectURL(link.href); }
    link.href = URL.createObjectURL(blob);
    link.setAttribute("download", name);
    document.getElementById("sf-result").hidden = false;
    if (navigator.canShare && navigator.canShare({ files: [file] })) {
      return navigator.share({ files: [file], title: name }).then(function () { status.textContent = text("shared"); },
        function () { link.click(); status.textContent = text("downloaded"); });
    }
    link.click();
    status.textContent = text("downloaded");
    return Promise.resolve();
  }

  // A link of the summary moves the focus to its field and shows the field's label or legend with it (jumping
  // to the fragment alone would scroll the label of a field, or the question of a group, out of sight).
  document.getElementById("sf-summary-list").addEventListener("click", function (event) {
    var link = event.target.closest("a"), target = link && document.getElementById(link.hash.slice(1));
    if (!target || target === form) { return; }
    event.preventDefault();
    if (target.closest("details")) { target.closest("details").open = true; }
    target.focus({ preventScroll: true });
    (target.closest(".sf-field") || target).scrollIntoView({ block: "start" });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!validator) { status.textContent = text("offline"); return; }
    clearErrors();
    var entry = build();
    if (entry.problems.length) { showErrors(entry.problems); return; }
    status.textContent = text("working");
    makePackage(entry).then(function (blob) {
      return deliver(blob, "kriya-" + (entry.aSlug || "paket") + ".zip");
    }).catch(function () {
      showErrors([{ model: "product", field: "photos", code: "photo_unreadable", params: {}, message: text("photo_unreadable") }]);
    });
  });

  // -- the draft: every field by its id, the sections by their numbers, the photos in IndexedDB ----------------
  var saving = null;
  function saveDraft() {
    clearTimeout(saving);
    saving = setTimeout(function () {
      var values = {};
      form.querySelectorAll("input, select, textarea").forEach(function (el) {
        if (el.type === "file") { return; }
        if (el.type === "checkbox" || el.type === "radio") {
          // Ticked boxes by group and value: the crafts' boxes have no id, a section's radios a name of its own.
          if (el.checked) { values[(el.name || "@" + el.getAttribute("data-field")) + "=" + el.value] = true; }
          return;
        }
        if (!el.id) { return; }
        if (el.value) { values[el.id] = el.value; }
      });
      draft.saveFields({ v: 1, sections: sections().map(function (s) { return +s.getAttribute("data-product"); }),
        values: values });
    }, 200);
  }

  function restoreDraft() {
    var saved = draft.loadFields();
    if (!saved || !saved.sections || !saved.sections.length) { return Promise.resolve(false); }
    sections().forEach(function (s) { s.remove(); });
    saved.sections.forEach(function (n) { addProduct(n); });
    // Categories first: choosing one filters the techniques, which would clear a technique set before it.
    var keys = Object.keys(saved.values).sort(function (a, b) { return /-category$/.test(b) - /-category$/.test(a); });
    keys.forEach(function (key) {
      var eq = key.indexOf("="), el;
      if (eq > 0) {
        var group = key.slice(0, eq), attr = group.charAt(0) === "@" ? "data-field" : "name";
        el = form.querySelector("input[" + attr + '="' + group.replace(/^@/, "") + '"][value="' + key.slice(eq + 1) + '"]');
      } else {
        el = document.getElementById(key);
      }
      if (!el) { return; }
      if (el.type === "checkbox" || el.type === "radio") { el.checked = true; } else { el.value = saved.values[key]; }
      if (/-category$/.test(key)) { filterTechniques(el.closest(".sf-product")); }
    });
    // A folded part that holds restored answers (a product's own shipping, its English text) is shown unfolded.
    form.querySelectorAll("details").forEach(function (part) {
      part.open = part.open || Array.prototype.some.call(part.querySelectorAll("input, select, textarea"), function (el) {
        return el.type === "radio" || el.type === "checkbox" ? el.checked : !!el.value;
      });
    });
    return draft.allPhotos().then(function (photos) {
      Object.keys(photos).forEach(function (id) {
        var input = document.getElementById(id);
        if (!input || !window.DataTransfer) { return; }
        var transfer = new DataTransfer();
        photos[id].forEach(function (f) { transfer.items.add(f); });
        input.files = transfer.files;
      });
      return true;
    }, function () { return true; });
  }

  form.addEventListener("change", function (event) {
    var el = event.target;
    if (el.getAttribute("data-field") === "category" && el.closest(".sf-product")) { filterTechniques(el.closest(".sf-product")); }
    if (el.type === "file") { draft.putPhotos(el.id, el.files).catch(function () { /* kept in this page only */ }); }
    saveDraft();
  });
  form.addEventListener("input", saveDraft);
  form.addEventListener("click", function (event) {
    var remove = event.target.closest("[data-remove-product]");
    if (!remove || sections().length === 1) { return; }
    var section = remove.closest(".sf-product");
    draft.dropPhotos(section.querySelector('[data-photo="product"]').id).catch(function () {});
    section.remove();
    renumber();
    saveDraft();
    list.querySelector(".sf-product:last-child legend").scrollIntoView();
  });
  document.getElementById("sf-add-product").addEventListener("click", function () {
    var section = addProduct();
    saveDraft();
    section.querySelector("input").focus();
  });
  document.getElementById("sf-new").addEventListener("click", function () {
    draft.clear().then(function () { location.reload(); }, function () { location.reload(); });
  });

  renumber();
  restoreDraft().then(function (restored) {
    if (restored) { document.getElementById("sf-draft").textContent = text("restored"); }
    form.setAttribute("data-draft", restored ? "restored" : "new");
  });

  window.KriyaForm = { collect: collect, frontMatter: frontMatter, slugify: slugify, addProduct: addProduct };
}());
