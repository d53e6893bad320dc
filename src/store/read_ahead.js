// Body of `store::read_ahead::spawn`'s function (its doc says what it does and why).
const work = () => {
  onmessage = (message) => {
    const { database, version, singles, pages, skip } = message.data;
    const fail = (why) => postMessage({ failed: String(why) });
    const open = indexedDB.open(database, version);
    open.onupgradeneeded = () => open.transaction.abort();
    open.onblocked = () => fail("blocked");
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      const read = { keys: [], values: [], pageKeys: [], pages: [] };
      const tx = db.transaction([singles, pages]);
      const single = tx.objectStore(singles);
      const paged = tx.objectStore(pages);
      single.getAllKeys().onsuccess = (e) => (read.keys = e.target.result);
      single.getAll().onsuccess = (e) => (read.values = e.target.result);
      paged.getAllKeys().onsuccess = (e) => {
        read.pageKeys = e.target.result;
        read.pageKeys.forEach((key, i) => (paged.get(key).onsuccess = (e) => (read.pages[i] = e.target.result)));
      };
      tx.onabort = () => fail(tx.error);
      tx.oncomplete = () => {
        db.close();
        const isBytes = (page) => page instanceof Uint8Array;
        const digest = async (page) => crypto.subtle.digest("SHA-256", page.subarray(Math.min(skip, page.length)));
        Promise.all(read.pages.map((p) => (isBytes(p) ? digest(p).catch(() => null) : null)))
          .then((digests) => {
            read.digests = digests;
            postMessage(read, [...new Set(read.pages.filter(isBytes).map((p) => p.buffer))]);
          })
          .catch(fail);
      };
    };
  };
};
const url = URL.createObjectURL(new Blob([`(${work})()`], { type: "text/javascript" }));
const worker = new Worker(url);
URL.revokeObjectURL(url);
const reply = new Promise((resolve) => {
  worker.onmessage = (m) => resolve(m.data);
  worker.onerror = (e) => resolve({ failed: String(e.message) });
});
worker.postMessage({ database, version, singles, pages, skip });
const late = (timer) => new Promise((resolve) => (timer.id = setTimeout(() => resolve({ failed: "no answer" }), wait)));
const take = () => {
  const timer = {};
  return Promise.race([reply, late(timer)]).finally(() => {
    clearTimeout(timer.id);
    worker.terminate();
  });
};
return {
  take,
  end: () => worker.terminate(),
};
