/* The validator's rules in the browser: interprets the JSON Schema generated from plugins/catalogue/schema.py
   (/theme/submit/schema.json) and reports problems with the same field names and message keys as `make check`.
   Classic script, no dependencies: exposes window.KriyaRules. */
(function () {
  "use strict";

  function quote(value) {
    var text = typeof value === "string" ? "'" + value + "'" : JSON.stringify(value);
    if (text === undefined) { text = String(value); }
    return text.length <= 80 ? text : text.slice(0, 77) + "…'";
  }

  function fieldName(path) {
    var out = "";
    path.forEach(function (part) {
      if (typeof part === "number") { out += "[" + (part + 1) + "]"; } else { out += out ? "." + part : part; }
    });
    return out || "entry";
  }

  function today() {
    var d = new Date();
    return { year: d.getFullYear(), iso: d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0") };
  }

  function Validator(doc) {
    this.doc = doc;
    this.ref = doc["x-reference"];
    this.contacts = doc["x-contacts"];
  }

  Validator.prototype.resolve = function (schema) {
    while (schema && schema.$ref) {
      schema = this.doc.$defs[schema.$ref.split("/").pop()];
    }
    return schema;
  };

  Validator.prototype.model = function (key) {
    return this.resolve({ $ref: this.doc["x-models"][key] });
  };

  /* Validate data (a plain object as it would be written in front matter) against model key
     ("product", "product_en", "artisan", "artisan_en"). Returns [{field, code, params}]. */
  Validator.prototype.validate = function (key, data) {
    var problems = [];
    this.object(this.model(key), data, [], problems);
    return problems;
  };

  Validator.prototype.object = function (schema, data, path, problems) {
    var self = this;
    var add = function (p, code, params) { problems.push({ field: fieldName(p), code: code, params: params || {} }); };
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      add(path, "mapping", { got: quote(data) });
      return;
    }
    var props = schema.properties || {};
    var before = problems.length;
    Object.keys(data).forEach(function (name) {
      if (!(name in props) && schema.additionalProperties === false) {
        add(path.concat([name]), "unknown_field", { known: Object.keys(props).join(", ") });
      }
    });
    (schema.required || []).forEach(function (name) {
      if (!(name in data) || data[name] === null || data[name] === undefined) { add(path.concat([name]), "required"); }
    });
    Object.keys(props).forEach(function (name) {
      if (name in data && data[name] !== null && data[name] !== undefined) {
        self.value(props[name], data[name], path.concat([name]), problems, data);
      }
    });
    // Cross-field rules run on entries whose single fields are valid, as the validator's cross_checks do.
    if (problems.length === before) {
      (schema["x-rules"] || []).forEach(function (rule) {
        if (!self.ruleHolds(rule, data)) { add(path.concat([rule.field]), rule.code, self.ruleParams(rule, data)); }
      });
    }
  };

  Validator.prototype.ruleParams = function (rule, data) {
    if (rule.code === "technique_category") {
      var t = this.ref.techniques[data.technique];
      return { got: quote(data.technique), expected: t ? t.category : "", category: data.category };
    }
    if (rule.code === "price_range") { return { low: String(data.price_min), high: String(data.price_max) }; }
    if (rule.code === "photo_repeated") {
      var seen = {}, repeated = "";
      (data.photos || []).forEach(function (p) { if (seen[p] && !repeated) { repeated = p; } seen[p] = true; });
      return { got: quote(repeated) };
    }
    return {};
  };

  Validator.prototype.ruleHolds = function (rule, data) {
    if (rule["x-less-than"]) {
      var a = data[rule["x-less-than"][0]], b = data[rule["x-less-than"][1]];
      return a === undefined || b === undefined || Number(a) < Number(b);
    }
    if (rule["if"] && !this.matches(rule["if"], data)) { return true; }
    return this.matches(rule.then, data);
  };

  /* The JSON Schema subset the rules use: required, properties.const/enum, not, anyOf, uniqueItems. */
  Validator.prototype.matches = function (schema, value) {
    var self = this;
    if (schema.required && !schema.required.every(function (k) { return value && value[k] !== undefined; })) {
      return false;
    }
    if (schema.properties) {
      var ok = Object.keys(schema.properties).every(function (k) {
        return value[k] === undefined || self.matches(schema.properties[k], value[k]);
      });
      if (!ok) { return false; }
    }
    if ("const" in schema && value !== schema["const"]) { return false; }
    if (schema["enum"] && schema["enum"].indexOf(value) < 0) { return false; }
    if (schema.not && this.matches(schema.not, value)) { return false; }
    if (schema.anyOf && !schema.anyOf.some(function (s) { return self.matches(s, value); })) { return false; }
    if (schema.uniqueItems && Array.isArray(value) && new Set(value).size !== value.length) { return false; }
    return true;
  };

  Validator.prototype.value = function (schema, value, path, problems, parent) {
    schema = this.resolve(schema);
    var add = function (code, params) { problems.push({ field: fieldName(path), code: code, params: params || {} }); };
    var code = schema["x-code"];
    if (schema["x-contact"]) {
      var err = this.contact(schema["x-contact"], value);
      if (err) { add(err, { got: quote(value) }); }
      return;
    }
    if (schema.type === "object" || schema.properties) {
      this.object(schema, value, path, problems);
      return;
    }
    if (schema.type === "array") {
      if (!Array.isArray(value)) { add("list", { got: quote(value) }); return; }
      if (schema.minItems && value.length < schema.minItems) { add(schema["x-code-min-items"] || "list_empty"); return; }
      var self = this, items = this.resolve(schema.items || {});
      if (items["x-reference"]) {
        // Reference keys are checked by a validator on the whole list: the list is named, at its first unknown key.
        var first = [];
        value.some(function (item) { self.value(items, item, path, first, value); return first.length > 0; });
        if (first.length) { problems.push(first[0]); }
        return;
      }
      value.forEach(function (item, i) { self.value(items, item, path.concat([i]), problems, value); });
      return;
    }
    if (schema.type === "boolean") {
      if (typeof value !== "boolean") { add("boolean", { got: quote(value) }); }
      return;
    }
    if (schema.type === "integer") {
      var number = value;
      if (typeof value === "string" && /^\s*[0-9]+\s*$/.test(value)) { number = parseInt(value, 10); }
      if (typeof number !== "number" || !Number.isInteger(number)) {
        add(code || "whole_number", { got: quote(value), example: "14" });
        return;
      }
      var bounds = { got: quote(value), low: String(schema.minimum), high: String(schema.maximum) };
      if ("minimum" in schema && number < schema.minimum) { add(code || "whole_number", bounds); return; }
      if ("maximum" in schema && number > schema.maximum) { add(code || "whole_number", bounds); return; }
      if ("exclusiveMinimum" in schema && number <= schema.exclusiveMinimum) { add("positive", { got: quote(value) }); return; }
      if (schema["x-not-future"] === "year" && number > today().year) { add("year_future", { got: String(number) }); }
      return;
    }
    if (schema.type === "string") {
      if (typeof value !== "string") { add(code || "text", { got: quote(value) }); return; }
      var text = value.trim();
      if (schema["x-collapse-spaces"]) {
        if (!text) { add("text", { got: quote(value) }); return; }
        text = text.split(/\s+/).join(" ");
        if (schema.maxLength && text.length > schema.maxLength) {
          add("text_too_long", { length: String(text.length), limit: String(schema.maxLength) });
          return;
        }
      }
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) { add(code || "text", { got: quote(value) }); return; }
      if (schema["enum"] && schema["enum"].indexOf(text) < 0) {
        var choices = schema["enum"].slice().sort().join(", ");
        add(code || "choice", { got: quote(value), choices: choices });
        return;
      }
      if (schema.format === "date") {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
        var d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
        if (!m || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) { add("date", { got: quote(value) }); return; }
        if (schema["x-not-future"] && text > today().iso) { add("date_future", { got: text }); }
        return;
      }
      if (schema["x-storefront"]) {
        var platform = this.ref.platforms[parent && parent[schema["x-storefront"]]];
        if (platform) {
          var link = this.storefront(platform, text);
          if (link) { add(link.code, link.params); }
        }
      }
    }
  };

  /* links.normalise_whatsapp / normalise_instagram: null when valid, else the message key. */
  Validator.prototype.contact = function (kind, value) {
    if (kind === "whatsapp") {
      if (typeof value === "number" && Number.isInteger(value)) { value = String(value); }
      if (typeof value !== "string") { return "whatsapp"; }
      var digits = value.trim().replace(new RegExp(this.contacts.whatsapp.separators, "g"), "");
      if (digits.charAt(0) === "+") { digits = digits.slice(1); }
      if (digits.charAt(0) === "0") { digits = "62" + digits.slice(1); } else if (digits.charAt(0) === "8") { digits = "62" + digits; }
      return /^[0-9]+$/.test(digits) && digits.indexOf("628") === 0 && digits.length >= 11 && digits.length <= 14 ? null : "whatsapp";
    }
    if (typeof value !== "string") { return "instagram"; }
    var name = value.trim().replace(/^@/, "");
    return toJsRegex(this.contacts.instagram.pattern).test(name) ? null : "instagram";
  };

  function toJsRegex(pattern) { return new RegExp(pattern); }

  function splitUrl(url) {
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(url);
    if (!m) { return null; }
    var netloc = m[2] || "", hostport = netloc.slice(netloc.lastIndexOf("@") + 1), host = hostport, port = null;
    var v6 = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostport);
    if (v6) { host = "[" + v6[1] + "]"; port = v6[2] || null; } else if (hostport.indexOf(":") >= 0) {
      host = hostport.slice(0, hostport.lastIndexOf(":")); port = hostport.slice(hostport.lastIndexOf(":") + 1);
    }
    if (port !== null && port !== "" && !/^[0-9]+$/.test(port)) { return null; }
    return { scheme: m[1], netloc: netloc, host: host, port: port ? parseInt(port, 10) : null, path: m[3] };
  }

  function isIp(host) {
    var h = host.replace(/^\[|\]$/g, "");
    if (h.indexOf(":") >= 0) { return true; }
    var parts = h.split(".");
    return parts.length === 4 && parts.every(function (p) { return /^(0|[1-9][0-9]{0,2})$/.test(p) && +p <= 255; });
  }

  /* links.check_storefront_url: null when the link is safe, else {code, params}. */
  Validator.prototype.storefront = function (platform, url) {
    var names = platform.name;
    var both = function (name, n) { var o = {}; o[name + ".id"] = n.id; o[name + ".en"] = n.en; return o; };
    if (platform.closed) { return { code: "platform_closed", params: Object.assign(both("platform", names), both("reason", platform.closed)) }; }
    var malformed = { code: "url_malformed", params: { got: quote(url) } };
    if (!url || /[\s\u0000-\u001f]/.test(url)) { return malformed; }
    var parts = splitUrl(url);
    if (!parts) { return malformed; }
    if (parts.scheme.toLowerCase() !== "https") { return { code: "url_scheme", params: { got: quote(url) } }; }
    if (parts.netloc.indexOf("@") >= 0) { return { code: "url_credentials", params: {} }; }
    if (parts.port !== null && parts.port !== 443) { return malformed; }
    var host = parts.host.toLowerCase().replace(/\.+$/, "");
    if (!host) { return malformed; }
    if (!/^[\x00-\x7f]*$/.test(host) || host.split(".").some(function (l) { return l.indexOf("xn--") === 0; })) {
      return { code: "url_idn", params: { got: quote(host) } };
    }
    if (isIp(host)) { return { code: "url_ip", params: {} }; }
    var label = new RegExp(this.contacts.host_label);
    var labels = host.split(".");
    if (labels.length < 2 || !labels.every(function (l) { return label.test(l); }) || /^[0-9]+$/.test(labels[labels.length - 1])) {
      return malformed;
    }
    if (!platform.any_host && !platform.hosts.some(function (a) { return host === a || host.slice(-a.length - 1) === "." + a; })) {
      return { code: "url_host", params: Object.assign(both("platform", names), { hosts: platform.hosts.join(", "), got: quote(host) }) };
    }
    if (platform.path !== null && !new RegExp("^(?:" + platform.path + ")$").test(parts.path || "/")) {
      return { code: "url_shape", params: Object.assign(both("platform", names), { got: quote(url) }) };
    }
    return null;
  };

  /* The message for a problem in lang, as problems.Problem.message gives it. */
  Validator.prototype.message = function (problem, lang) {
    var template = (this.doc["x-messages"][lang] || {})[problem.code] || problem.code;
    var params = {};
    Object.keys(problem.params).forEach(function (k) {
      var dot = k.indexOf(".");
      if (dot < 0) { params[k] = problem.params[k]; }
    });
    Object.keys(problem.params).forEach(function (k) {
      var dot = k.indexOf(".");
      if (dot >= 0) {
        var name = k.slice(0, dot), suffix = k.slice(dot + 1);
        if (suffix === lang || (suffix === "en" && !(name in params))) { params[name] = problem.params[k]; }
      }
    });
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in params ? params[name] : all; });
  };

  window.KriyaRules = { Validator: Validator, fieldName: fieldName };
}());
