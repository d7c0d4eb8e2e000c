/* The form's draft, kept on the phone so that closing the page or losing the connection loses nothing:
   the fields in localStorage (small, written at every change), the chosen photos in IndexedDB (files can be
   large; IndexedDB stores them as they are). window.KriyaDraft: save/load fields, put/get/drop photos, clear. */
(function () {
  "use strict";
  var KEY = "kriya-form-draft", DB = "kriya-form", STORE = "photos";

  function open() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode), store = tx.objectStore(STORE), result;
        var request = work(store);
        if (request) { request.onsuccess = function () { result = request.result; }; }
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  window.KriyaDraft = {
    saveFields: function (data) {
      try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* private mode or full: no draft */ }
    },
    loadFields: function () {
      try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { return null; }
    },
    /* The files chosen in one file input, by the input's id (plain Blobs with their names: a File may not
       survive structured cloning everywhere). */
    putPhotos: function (id, files) {
      var items = Array.prototype.map.call(files, function (f) { return { name: f.name, type: f.type, blob: f }; });
      return run("readwrite", function (store) { return store.put(items, id); });
    },
    dropPhotos: function (id) { return run("readwrite", function (store) { return store["delete"](id); }); },
    /* {input id: [File]} for every input whose photos were kept. */
    allPhotos: function () {
      var out = {};
      return run("readonly", function (store) {
        var cursor = store.openCursor();
        cursor.addEventListener("success", function () {
          var c = cursor.result;
          if (!c) { return; }
          out[c.key] = c.value.map(function (v) { return new File([v.blob], v.name, { type: v.type }); });
          c["continue"]();
        });
        return null;
      }).then(function () { return out; });
    },
    clear: function () {
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
      return run("readwrite", function (store) { return store.clear(); });
    }
  };
}());
