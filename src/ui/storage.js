// The browser's IndexedDB for src/ui/storage.rs, which decides what is stored when; this only
// talks to the database. Written by hand because web-sys's IndexedDB bindings, their closures
// and promise plumbing cost the first load about 1.8 KB brotli of wasm, where this costs about
// 0.6 KB of glue. wasm-bindgen imports it (`module = "/src/ui/storage.js"`);
// scripts/assemble.py puts it into the glue, so that no file is added to dist/. Every
// function settles (never rejects): a database the browser refuses (Firefox's private windows
// before 115, storage turned off) reads as nothing stored and writes as not kept. No syntax
// past the browser floor (ES2017: Chromium 86, Firefox ESR 78; tests/dist/js_floor.rs).

// The database and its version (a later layout of stores gets a higher one), its stores: each
// report's record and each report's review keyed by the report's id, and the desk's one record
// ("order").
var DATABASE = "nianbao";
var VERSION = 1;
var STORES = ["reports", "reviews", "desk"];

// The open database, once opened: a promise of it, or of null where there is none (then
// asked again next time).
var opened = null;

function settled(request) {
  return new Promise(function (resolve, reject) {
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
}

function database() {
  if (!opened) {
    opened = new Promise(function (resolve) {
      var request = indexedDB.open(DATABASE, VERSION);
      request.onupgradeneeded = function () {
        STORES.forEach(function (name) { request.result.createObjectStore(name); });
      };
      resolve(settled(request));
    }).catch(function () {
      opened = null;
      return null;
    });
  }
  return opened;
}

// Whether the page has a database: resolves true or false.
export function available() {
  return database().then(function (db) { return db !== null; });
}

// Everything stored, in one read-only transaction: resolves to [key, text, key, text, …] with
// the keys of the page's journal ("order", "report ID", "review ID"), [] when nothing can be
// read.
export function load() {
  return database().then(function (db) {
    if (!db) return [];
    var tx = db.transaction(STORES, "readonly");
    var reports = tx.objectStore("reports");
    var reviews = tx.objectStore("reviews");
    // Every request is made before any is awaited, so that the transaction stays open.
    return Promise.all([
      reports.getAllKeys(), reports.getAll(), reviews.getAllKeys(), reviews.getAll(), tx.objectStore("desk").get("order"),
    ].map(settled)).then(function (r) {
      var out = [];
      if (typeof r[4] === "string") out.push("order", r[4]);
      [["report ", r[0], r[1]], ["review ", r[2], r[3]]].forEach(function (kind) {
        kind[1].forEach(function (id, i) {
          if (typeof id === "number" && typeof kind[2][i] === "string") out.push(kind[0] + id, kind[2][i]);
        });
      });
      return out;
    });
  }).catch(function () { return []; });
}

// Runs `change` on the named stores (names apart by spaces) in one read-write transaction:
// resolves true once it is on disk, false when it was not (the quota reached, no database).
function write(names, change) {
  return database().then(function (db) {
    if (!db) return false;
    var tx = db.transaction(names.split(" "), "readwrite");
    return new Promise(function (resolve) {
      tx.oncomplete = function () { resolve(true); };
      tx.onerror = tx.onabort = function () { resolve(false); };
      names.split(" ").forEach(function (name) { change(tx.objectStore(name)); });
    });
  }).catch(function () { return false; });
}

// Puts `value` (a text) under `key` in `store`.
export function put(store, key, value) {
  return write(store, function (s) { s.put(value, key); });
}

// Deletes `id` from the stores named (apart by spaces).
export function remove(stores, id) {
  return write(stores, function (s) { s.delete(id); });
}

// Empties every store.
export function clear() {
  return write(STORES.join(" "), function (s) { s.clear(); });
}

// Asks the browser, once, to keep the storage even when the disk runs low, where it offers
// that (navigator.storage.persist: absent on pages not served securely).
var asked = false;
export function persist() {
  if (asked) return;
  asked = true;
  var manager = navigator.storage;
  if (manager && typeof manager.persist === "function") manager.persist().catch(function () {});
}
