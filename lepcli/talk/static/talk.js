/* lep talk: the encounter screen. Plain JS, no libraries, no network beyond the local lep talk server
   (or, in the offline file from `lep export app`, no network at all: the data is embedded).
   Every text is set with textContent (never innerHTML): phrasebook and typed text cannot inject markup.
   Everything shown to the person carries lang and dir. */
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const embedded = $("lep-data");
  const DATA = embedded ? JSON.parse(embedded.textContent) : null;
  const state = { lang: null, screen: null, current: null, number: "", seq: 0, shownSeq: 0 };
  window.__lepTimings = [];

  // -- backends ---------------------------------------------------------------------------------
  function serverBackend() {
    async function call(name, body) {
      const res = await fetch("/api/" + name, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body || {}),
        credentials: "same-origin",
        cache: "no-store",
      });
      const data = await res.json();
      if (!res.ok) throw Object.assign(new Error(data.message || "error"), { data: data });
      return data;
    }
    async function audio(lang, id, text) {
      const res = await fetch("/api/audio", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lang: lang, id: id, text: text }),
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!res.ok) return null;
      const blob = await res.blob();
      return { url: URL.createObjectURL(blob), source: res.headers.get("x-audio-source") };
    }
    return { call: call, audio: audio, offline: false };
  }

  function fileBackend(data) {
    // The same answers as the server, from data embedded at export time (legal gate applied then).
    const words = (t) => (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);
    const index = data.phrases.map((p) => ({ p: p, w: words(p.english + " " + (p.keywords || []).join(" ")) }));
    const byId = Object.fromEntries(data.phrases.map((p) => [p.id, p]));
    function search(text) {
      const q = words(text);
      if (!q.length) return [];
      const out = [];
      for (const e of index) {
        let hit = 0;
        for (const t of q) if (e.w.some((w) => w.startsWith(t))) hit += 1;
        if (hit) out.push({ s: hit / q.length + hit / (e.w.length + 4), p: e.p });
      }
      out.sort((a, b) => b.s - a.s);
      return out.filter((x) => x.s >= 0.5).slice(0, 8);
    }
    function answerFor(id, lang) {
      const L = data.languages[lang];
      const p = byId[id];
      const a = L.answers[id];
      if (!a) return { kind: "none", message: "'" + p.english + "' has no translation in this file", call: L.call, suggestions: [] };
      return a;
    }
    async function call(name, body) {
      if (name === "languages") return { tiles: data.tiles };
      if (name === "language") {
        const L = data.languages[body.query] || Object.values(data.languages).find((x) =>
          [x.language.name, x.language.native, x.language.code].some((n) => n.toLowerCase() === String(body.query).toLowerCase()));
        if (!L) throw Object.assign(new Error("this file has no " + body.query), { data: {} });
        return L;
      }
      if (name === "search") return { results: search(body.text).map((x) => ({ id: x.p.id, english: x.p.english, legal: x.p.legal })) };
      if (name === "show") return answerFor(body.id, body.lang);
      if (name === "say") {
        const top = search(body.text)[0];
        if (!top) return { kind: "none", message: "no phrase in this file matches; pick one from the list", suggestions: [] };
        return answerFor(top.p.id, body.lang);
      }
      if (name === "tap") {
        const L = data.languages[body.lang];
        if (body.kind === "number") return { english: body.value };
        if (body.kind === "body") return { english: "Here: " + L.body[body.value].english };
        if (body.kind === "yesno") return { english: data.english[body.value] };
        if (body.kind === "reply") return { english: byId[body.value] ? byId[body.value].english : body.value };
      }
      if (name === "reply") {
        return { sure: false, english: null, label: "not sure", message: "this offline file cannot read typed replies: ask the person to tap a card" };
      }
      if (name === "interpreter") return data.languages[body.lang].call;
      if (name === "unknown") return data.unknown;
      throw new Error("not available offline");
    }
    async function audio(lang, id, text) {
      const rec = (data.languages[lang].audio || {})[id];
      if (rec) return { url: rec, source: "recorded" };
      if (!("speechSynthesis" in window)) return null;
      const voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang.toLowerCase().split("-")[0]));
      if (!voice) return null;
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice; u.lang = voice.lang;
      speechSynthesis.speak(u);
      return { url: null, source: "device voice" };
    }
    return { call: call, audio: audio, offline: true };
  }

  const backend = DATA ? fileBackend(DATA) : serverBackend();

  // -- helpers ----------------------------------------------------------------------------------
  function el(tag, attrs, text) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") n.className = v; else n.setAttribute(k, v);
    }
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }
  function personText(node, t) {  // t = {text, lang, dir}
    node.textContent = t ? t.text : "";
    node.setAttribute("lang", t ? t.lang : "en");
    node.setAttribute("dir", t ? t.dir : "ltr");
  }
  function personButton(t, cls, onClick) {
    const b = el("button", { type: "button", class: cls, lang: t.lang, dir: t.dir }, t.text);
    b.addEventListener("click", onClick);
    return b;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function showError(err) {
    const box = $("officer-answer");
    clear(box);
    box.appendChild(el("p", { class: "status legal" }, (err.data && err.data.message) || err.message));
    if (err.data && err.data.hint) box.appendChild(el("p", { class: "muted" }, err.data.hint));
  }

  // -- the language grid ------------------------------------------------------------------------
  async function loadTiles() {
    const data = await backend.call("languages", {});
    const box = $("tiles");
    clear(box);
    for (const t of data.tiles) {
      const b = el("button", { type: "button", class: "tile", "data-code": t.code });
      b.appendChild(el("span", { class: "t-text", lang: t.lang, dir: t.dir }, t.text));
      const name = el("span", { class: "t-name" });
      name.appendChild(el("span", { lang: "en", dir: "ltr" }, t.number + ". " + t.name + " · "));
      name.appendChild(el("span", { lang: t.lang, dir: t.dir }, t.native));
      b.appendChild(name);
      b.addEventListener("click", () => pickLanguage(t.code));
      box.appendChild(b);
    }
  }

  async function pickLanguage(query) {
    $("pick-error").textContent = "";
    let screen;
    try {
      screen = await backend.call("language", { query: query });
    } catch (err) {
      $("pick-error").textContent = (err.data && err.data.message) || err.message;
      return;
    }
    state.screen = screen;
    state.lang = screen.language.code;
    renderLanguage(screen);
  }

  function renderLanguage(s) {
    $("pick").hidden = true;
    $("talk").hidden = false;
    $("btn-change").hidden = false;
    $("btn-interpreter").hidden = false;
    const now = $("lang-now");
    clear(now);
    now.appendChild(el("span", { lang: "en", dir: "ltr" }, s.language.name + " · "));
    now.appendChild(el("span", { lang: s.language.code, dir: s.language.dir }, s.language.native));
    if (!s.phrasebook) now.appendChild(el("span", { class: "status draft" }, "  (no phrasebook for this language)"));
    const person = $("person");
    person.setAttribute("lang", s.language.code);
    person.setAttribute("dir", s.language.dir);
    personText($("person-text"), null);
    $("person-label").textContent = "";
    $("btn-speak").hidden = true;
    hideControls();
    const replies = $("replies");
    clear(replies);
    for (const r of s.replies) {
      const b = personButton(r.person, "reply", () => tap("reply", r.id, b));
      replies.appendChild(b);
    }
    const cats = $("cats");
    clear(cats);
    for (const c of s.categories) {
      const b = el("button", { type: "button", class: c.urgent ? "urgent" : "" }, c.title);
      b.addEventListener("click", () => renderCategory(c));
      cats.appendChild(b);
    }
    clear($("cat-phrases"));
    clear($("officer-answer"));
    clear($("heard"));
    renderCall(s.call, false);
    $("never").textContent = s.call.never;
    $("free-label").textContent = s.words.type_here.text;
    $("free-label").setAttribute("lang", s.words.type_here.lang);
    $("free-label").setAttribute("dir", s.words.type_here.dir);
    const send = $("btn-free-send");
    personText(send, s.words.send);
    $("free-text").setAttribute("lang", s.language.code);
    $("free-text").setAttribute("dir", s.language.dir);
    $("say").value = "";
    clear($("results"));
    $("say").focus();
  }

  function renderCategory(c) {
    const box = $("cat-phrases");
    clear(box);
    box.appendChild(el("h3", {}, c.title));
    for (const p of c.phrases) {
      const label = p.english + (p.legal ? "  [LEGAL: interpreter]" : "") + (p.has ? "" : "  (not translated)");
      const b = el("button", { type: "button", class: p.legal ? "legal" : "" }, label);
      b.addEventListener("click", () => show(p.id));
      box.appendChild(b);
    }
  }

  function renderCall(call, loud) {
    const box = $("call");
    clear(box);
    if (!call) return;
    if (call.example) box.appendChild(el("p", { class: "status legal example" }, call.example));
    if (call.line) {
      const ln = call.line;
      const ids = [ln.client_id ? "client ID " + ln.client_id : "", ln.pin ? "PIN " + ln.pin : ""].filter(Boolean).join(", ");
      box.appendChild(el("p", { class: loud ? "status legal" : "" },
        (loud ? "Call the interpreter line now: " : "Interpreter: ") + ln.name + " " + ln.phone + (ids ? " (" + ids + ")" : "") + " · " + ln.status));
      if (call.ask_for) box.appendChild(el("p", { class: "muted" }, "Ask for: " + call.ask_for));
      const det = el("details", loud ? { open: "" } : {});
      det.appendChild(el("summary", {}, "Call script"));
      const ol = el("ol");
      for (const step of ln.script || []) ol.appendChild(el("li", {}, step));
      det.appendChild(ol);
      box.appendChild(det);
      if (call.others && call.others.length) box.appendChild(el("p", { class: "muted" }, "Then: " + call.others.join("; ")));
    } else if (call.error) {
      box.appendChild(el("p", { class: "status legal" }, call.error));
    }
  }

  // -- saying something --------------------------------------------------------------------------
  async function onType() {
    const text = $("say").value;
    const seq = ++state.seq;
    const t0 = performance.now();
    if (!text.trim()) { clear($("results")); return; }
    let data;
    try {
      data = await backend.call("search", { text: text, lang: state.lang });
    } catch (err) { return; }
    if (seq !== state.seq) return;  // a newer keystroke is on its way
    const list = $("results");
    clear(list);
    for (const r of data.results) {
      const li = el("li");
      const status = r.legal ? "  [LEGAL]" : r.status ? "  [" + r.status.toUpperCase() + "]" : "  [not translated]";
      const b = el("button", { type: "button", class: r.legal ? "legal" : "", "data-id": r.id }, r.english + status);
      b.addEventListener("click", () => show(r.id));
      li.appendChild(b);
      list.appendChild(li);
    }
    window.__lepTimings.push(performance.now() - t0);
  }

  async function say() {
    const text = $("say").value;
    if (!text.trim()) return;
    try {
      renderShown(await backend.call("say", { text: text, lang: state.lang }));
    } catch (err) { showError(err); }
  }

  async function show(id) {
    try {
      renderShown(await backend.call("show", { id: id, lang: state.lang }));
    } catch (err) { showError(err); }
  }

  function renderShown(r) {
    const box = $("officer-answer");
    clear(box);
    hideControls();
    state.current = r;
    if (r.kind === "none") {
      box.appendChild(el("p", { class: "status draft" }, r.message));
      if (r.hint) box.appendChild(el("p", { class: "muted" }, r.hint));
      if (r.suggestions && r.suggestions.length) box.appendChild(el("p", { class: "muted" }, "Close: " + r.suggestions.map((s) => s.english).join(" · ")));
      renderCall(r.call, false);
      return;
    }
    personText($("person-text"), r.person);
    const label = $("person-label");
    if (r.person.label) personText(label, r.person.label); else { label.textContent = ""; }
    if (r.kind === "withheld") {
      $("btn-speak").hidden = true;
      box.appendChild(el("p", { class: "status legal" }, "WITHHELD from the person: " + (r.officer.why || "legal content")));
      if (r.officer.english) box.appendChild(el("p", {}, "You asked for: " + r.officer.english));
      box.appendChild(el("p", {}, "The person sees: \"An interpreter will help us with this. Please wait.\""));
      renderCall(r.call, true);
      return;
    }
    const o = r.officer;
    if (o.english) box.appendChild(el("p", { class: "english" }, o.english));
    box.appendChild(el("p", { class: "status " + o.status }, o.label));
    if (o.pronunciation) box.appendChild(el("p", {}, "Say: " + o.pronunciation));
    if (o.romanization) box.appendChild(el("p", { class: "muted" }, "Romanization: " + o.romanization));
    if (o.notes) box.appendChild(el("p", { class: "muted" }, "Note: " + o.notes));
    for (const w of o.warnings || []) box.appendChild(el("p", { class: "status draft" }, w));
    if (o.interpreter) box.appendChild(el("p", { class: "muted" }, o.interpreter));
    if (r.call) renderCall(r.call, false);
    const speak = $("btn-speak");
    speak.hidden = !r.person.audio;
    $("speak-source").textContent = r.person.audio ? "(" + r.person.audio + ")" : "";
    showControls(r);
  }

  // -- answers -----------------------------------------------------------------------------------
  function hideControls() {
    for (const id of ["ctl-yesno", "ctl-number", "ctl-body", "ctl-free"]) $(id).hidden = true;
  }

  function showControls(r) {
    const kind = r.answer;
    const s = state.screen;
    if (kind === "yesno") {
      const box = $("ctl-yesno");
      clear(box);
      for (const k of ["yes", "no", "dont_know"]) {
        const b = personButton(s.words[k], k === "dont_know" ? "dk" : k, () => tap("yesno", k, b));
        box.appendChild(b);
      }
      box.hidden = false;
    } else if (kind === "number") {
      renderNumpad();
    } else if (kind === "point" && r.phrase && r.phrase.category === "medical") {
      renderBody();
    } else if (kind === "free") {
      $("free-text").value = "";
      $("ctl-free").hidden = false;
    }
  }

  function renderNumpad() {
    const s = state.screen;
    state.number = "";
    const fmt = (n) => { try { return new Intl.NumberFormat(s.language.code, { useGrouping: false }).format(n); } catch (e) { return String(n); } };
    const shown = $("number-shown");
    shown.setAttribute("lang", s.language.code);
    shown.textContent = "";
    const keys = $("number-keys");
    clear(keys);
    const digit = (d) => {
      const b = el("button", { type: "button", lang: s.language.code, dir: "ltr" }, fmt(d));
      b.addEventListener("click", () => {
        if (state.number.length < 12) state.number += String(d);
        shown.textContent = fmt(Number(state.number)).padStart(state.number.length, fmt(0));
      });
      return b;
    };
    for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9]) keys.appendChild(digit(d));
    const back = el("button", { type: "button", "aria-label": "⌫", lang: s.language.code }, "⌫");
    back.addEventListener("click", () => { state.number = state.number.slice(0, -1); shown.textContent = state.number ? fmt(Number(state.number)) : ""; });
    keys.appendChild(back);
    keys.appendChild(digit(0));
    const ok = personButton(s.words.send, "ok", () => { if (state.number) tap("number", state.number, ok); });
    keys.appendChild(ok);
    $("ctl-number").hidden = false;
  }

  const NS = "http://www.w3.org/2000/svg";
  // Front view, facing the person: the figure's right side is on the screen's left.
  const BODY_SHAPES = [
    ["head", "ellipse", { cx: 100, cy: 38, rx: 26, ry: 30 }],
    ["chest", "rect", { x: 66, y: 78, width: 68, height: 62, rx: 10 }],
    ["stomach", "rect", { x: 68, y: 142, width: 64, height: 58, rx: 10 }],
    ["arm_right", "rect", { x: 36, y: 80, width: 26, height: 130, rx: 12 }],
    ["arm_left", "rect", { x: 138, y: 80, width: 26, height: 130, rx: 12 }],
    ["leg_right", "rect", { x: 68, y: 204, width: 30, height: 150, rx: 12 }],
    ["leg_left", "rect", { x: 102, y: 204, width: 30, height: 150, rx: 12 }],
  ];

  function renderBody() {
    const s = state.screen;
    const box = $("ctl-body");
    clear(box);
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 200 360");
    svg.setAttribute("role", "group");
    for (const [id, tag, attrs] of BODY_SHAPES) {
      const shape = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, v);
      const word = s.body[id];
      shape.setAttribute("class", "region");
      shape.setAttribute("role", "button");
      shape.setAttribute("tabindex", "0");
      shape.setAttribute("data-region", id);
      shape.setAttribute("aria-label", word.text);
      shape.setAttribute("lang", word.lang);
      const title = document.createElementNS(NS, "title");
      title.textContent = word.text;
      shape.appendChild(title);
      const act = () => { for (const r of svg.querySelectorAll(".picked")) r.classList.remove("picked"); shape.classList.add("picked"); tap("body", id, null); };
      shape.addEventListener("click", act);
      shape.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); act(); } });
      svg.appendChild(shape);
    }
    box.appendChild(svg);
    const names = el("div", { class: "body-names" });
    const back = s.body.back;
    const b = personButton(back, "back", () => tap("body", "back", b));
    names.appendChild(b);
    box.appendChild(names);
    box.hidden = false;
  }

  async function tap(kind, value, button) {
    let r;
    try {
      r = await backend.call("tap", { kind: kind, value: value, lang: state.lang });
    } catch (err) { showError(err); return; }
    if (button) button.classList.add("picked");
    heard("Person: " + r.english, true);
  }

  function heard(text, sure) {
    const box = $("heard");
    const item = el("p", { class: "item" + (sure ? "" : " unsure"), role: "status" }, text);
    box.insertBefore(item, box.firstChild);
    while (box.childNodes.length > 8) box.removeChild(box.lastChild);
  }

  async function freeSend() {
    const text = $("free-text").value;
    if (!text.trim()) return;
    try {
      const r = await backend.call("reply", { text: text, lang: state.lang });
      if (r.english) heard("Person typed (" + r.label + "): " + r.english, r.sure);
      else heard("Person typed something lep cannot read (not sure): use the interpreter line", false);
    } catch (err) { showError(err); }
  }

  async function speak() {
    const r = state.current;
    if (!r || r.kind !== "shown") return;
    const got = await backend.audio(state.lang, r.phrase ? r.phrase.id : null, r.person.text);
    if (got && got.url) new Audio(got.url).play().catch(() => {});
  }

  // -- wiring ------------------------------------------------------------------------------------
  function wire() {
    $("say").addEventListener("input", onType);
    $("say").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); say(); } });
    $("btn-speak").addEventListener("click", speak);
    $("btn-free-send").addEventListener("click", freeSend);
    $("btn-change").addEventListener("click", () => { $("talk").hidden = true; $("pick").hidden = false; $("btn-change").hidden = true; $("btn-interpreter").hidden = true; });
    $("btn-full").addEventListener("click", () => { if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {}); });
    $("btn-interpreter").addEventListener("click", async () => {
      try { renderCall(await backend.call("interpreter", { lang: state.lang }), true); } catch (err) { showError(err); }
      $("call").scrollIntoView();
    });
    $("btn-unknown").addEventListener("click", async () => {
      const call = await backend.call("unknown", {});
      const p = $("pick-error");
      p.textContent = call.line
        ? "Call " + call.line.name + " " + call.line.phone + (call.line.client_id ? " (client ID " + call.line.client_id + ")" : "") +
          " and ask for help identifying the language. " + call.never
        : (call.error || "no interpreter line configured") + " " + call.never;
    });
    $("btn-lang-go").addEventListener("click", () => { if ($("lang-query").value.trim()) pickLanguage($("lang-query").value); });
    $("lang-query").addEventListener("keydown", (e) => { if (e.key === "Enter" && $("lang-query").value.trim()) pickLanguage($("lang-query").value); });
  }

  async function start() {
    const params = new URLSearchParams(location.search);
    const wanted = params.get("lang");
    if (!backend.offline && location.search) history.replaceState(null, "", "/");  // the token leaves the address bar
    wire();
    await loadTiles();
    if (wanted) await pickLanguage(wanted);
    document.body.setAttribute("data-ready", "1");
  }
  start();
})();
