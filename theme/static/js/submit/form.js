/* The submission form: validates with the validator's rules (rules.js + schema.json), shrinks the photos,
   writes the entry folders into a .zip (zip.js) and hands it to the share sheet, or downloads it. */
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

  // Only the techniques of the chosen category.
  var category = document.getElementById("product-category"), technique = document.getElementById("product-technique");
  category.addEventListener("change", function () {
    Array.prototype.forEach.call(technique.options, function (o) {
      o.hidden = !!o.value && !!category.value && o.getAttribute("data-category") !== category.value;
    });
    if (technique.selectedOptions[0] && technique.selectedOptions[0].hidden) { technique.value = ""; }
  });

  function slugify(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /* The values of one model as front matter would hold them; empty fields are left out. */
  function collect(model) {
    var data = {}, body = "";
    form.querySelectorAll('[data-model="' + model + '"]').forEach(function (el) {
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
      var box = form.querySelector('[data-for="' + p.model + "." + top + '"]');
      var message = p.message || validator.message(p, lang);
      var label = box ? (box.querySelector("label, legend") || {}).textContent : p.field;
      if (box) {
        box.classList.add("sf-invalid");
        var err = box.querySelector(".sf-error");
        err.hidden = false;
        err.textContent = (err.textContent ? err.textContent + " " : "") + message;
      }
      var li = document.createElement("li");
      var a = document.createElement("a");
      var target = box && box.querySelector("input, select, textarea");
      a.href = "#" + (target ? target.id : "submission");
      a.textContent = (label || p.field).replace(/\s*\*\s*$/, "").trim() + ": " + message;
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
    var artisan = collect("artisan"), product = collect("product");
    var artisanEn = collect("artisan_en"), productEn = collect("product_en");
    var aSlug = slugify(artisan.data.name || ""), pSlug = slugify(product.data.title || "");
    var photos = Array.prototype.slice.call(document.getElementById("product-photos").files);
    var portrait = document.getElementById("artisan-photo").files[0];
    var problems = [];
    var platform = form.querySelector('[data-storefront="platform"]').value;
    var url = form.querySelector('[data-storefront="url"]').value.trim();
    if (platform && url) { artisan.data.storefronts = [{ platform: platform, url: url }]; } else if (platform || url) {
      problems.push({ model: "artisan", field: "storefronts", code: "storefront_half", params: {}, message: text("storefront_half") });
    }
    if (portrait) { artisan.data.photo = "foto-perajin.jpg"; }
    product.data.artisan = aSlug;
    product.data.photos = photos.map(function (f, i) { return photoName(f, "foto", i); });
    if (photos.length > MAX_PHOTOS) {
      problems.push({ model: "product", field: "photos", code: "photo_count", params: {}, message: text("photo_count") });
    }
    product.data.added = today();
    var checks = [["artisan", artisan.data], ["product", product.data]];
    if (Object.keys(artisanEn.data).length) { checks.push(["artisan_en", artisanEn.data]); }
    if (Object.keys(productEn.data).length) { checks.push(["product_en", productEn.data]); }
    checks.forEach(function (c) {
      validator.validate(c[0], c[1]).forEach(function (p) { p.model = c[0]; problems.push(p); });
    });
    return { problems: problems, artisan: artisan, product: product, artisanEn: artisanEn, productEn: productEn,
      aSlug: aSlug, pSlug: pSlug, photos: photos, portrait: portrait };
  }

  function makePackage(entry) {
    var enc = new TextEncoder(), files = [];
    var a = "artisans/" + entry.aSlug + "/", p = "products/" + entry.pSlug + "/";
    files.push({ name: a + "index.id.md", data: enc.encode(frontMatter(entry.artisan.data, entry.artisan.body)) });
    if (Object.keys(entry.artisanEn.data).length) {
      files.push({ name: a + "index.en.md", data: enc.encode(frontMatter(entry.artisanEn.data, "")) });
    }
    files.push({ name: p + "index.id.md", data: enc.encode(frontMatter(entry.product.data, entry.product.body)) });
    if (Object.keys(entry.productEn.data).length) {
      files.push({ name: p + "index.en.md", data: enc.encode(frontMatter(entry.productEn.data, "")) });
    }
    var jobs = entry.photos.map(function (file, i) {
      return shrink(file).then(function (data) { files.push({ name: p + entry.product.data.photos[i], data: data }); });
    });
    if (entry.portrait) {
      jobs.push(shrink(entry.portrait).then(function (data) { files.push({ name: a + entry.artisan.data.photo, data: data }); }));
    }
    return Promise.all(jobs).then(function () {
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

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!validator) { status.textContent = text("offline"); return; }
    clearErrors();
    var entry = build();
    if (entry.problems.length) { showErrors(entry.problems); return; }
    status.textContent = text("working");
    makePackage(entry).then(function (blob) {
      return deliver(blob, "kriya-" + entry.pSlug + ".zip");
    }).catch(function () {
      showErrors([{ model: "product", field: "photos", code: "photo_unreadable", params: {}, message: text("photo_unreadable") }]);
    });
  });

  window.KriyaForm = { collect: collect, frontMatter: frontMatter, slugify: slugify };
}());
