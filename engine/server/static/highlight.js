// Writ's syntax highlighting in the browser, from the rules the service generates out of
// grammar/writ.tmLanguage.json (GET /highlighting.json): no keyword list is written here.
// Every piece of the text becomes a text node, never markup, so a case's text cannot inject HTML.
"use strict";

const WritHighlight = (() => {
  // Each rule: {scope, re} for a match (with optional per-group scopes), or {scope, re, end}.
  function compile(grammar) {
    const out = [];
    for (const r of grammar.rules) {
      try {
        out.push({
          scope: r.scope || null,
          re: new RegExp(r.match ?? r.begin, "gmd"),
          end: r.end ? new RegExp(r.end, "gmd") : null,
          captures: r.captures || null,
        });
      } catch (e) {
        console.warn("highlighting: a pattern this browser cannot read", r, e);
      }
    }
    return out;
  }

  // Tokens [{start, end, scope}] in text order; like TextMate, the earliest match wins, ties to the first rule.
  function tokenize(text, rules) {
    const tokens = [];
    const next = rules.map(() => ({ at: -1, m: null })); // each rule's next match from where it last looked
    let pos = 0;
    while (pos < text.length) {
      let best = -1;
      rules.forEach((r, k) => {
        const n = next[k];
        if (n.at === Infinity || (n.m && n.m.index >= pos)) return;
        r.re.lastIndex = pos;
        let m = r.re.exec(text);
        while (m && m[0].length === 0) { // an empty match highlights nothing: look past it
          r.re.lastIndex = m.index + 1;
          m = r.re.exec(text);
        }
        n.m = m;
        n.at = m ? m.index : Infinity;
      });
      rules.forEach((r, k) => {
        if (next[k].m && (best < 0 || next[k].m.index < next[best].m.index)) best = k;
      });
      if (best < 0) break;
      const r = rules[best], m = next[best].m;
      let stop = m.index + m[0].length;
      if (r.end) { // begin ... end: to the end pattern, or the end of the text
        r.end.lastIndex = stop;
        const e = r.end.exec(text);
        stop = e ? e.index + e[0].length : text.length;
        tokens.push({ start: m.index, end: stop, scope: r.scope });
      } else if (r.captures) {
        for (const [group, scope] of Object.entries(r.captures)) {
          const span = m.indices[Number(group)];
          if (span && span[1] > span[0]) tokens.push({ start: span[0], end: span[1], scope });
        }
      } else {
        tokens.push({ start: m.index, end: stop, scope: r.scope });
      }
      pos = stop;
    }
    return tokens;
  }

  // The text as spans (data-scope="keyword.control.writ"), split where marks begin and end;
  // marks: [{start, end, cls}] add a class (a diagnostic's squiggle) to the text they cover.
  function render(target, text, rules, marks) {
    const tokens = tokenize(text, rules);
    const cuts = new Set([0, text.length]);
    for (const t of tokens) { cuts.add(t.start); cuts.add(t.end); }
    for (const mk of marks) { cuts.add(mk.start); cuts.add(mk.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    let t = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (t < tokens.length && tokens[t].end <= a) t++;
      const tok = t < tokens.length && tokens[t].start <= a && tokens[t].end >= b ? tokens[t] : null;
      const cls = marks.filter((mk) => mk.start <= a && mk.end >= b).map((mk) => mk.cls);
      const piece = document.createTextNode(text.slice(a, b));
      if (!tok && !cls.length) { frag.appendChild(piece); continue; }
      const span = document.createElement("span");
      if (tok && tok.scope) span.dataset.scope = tok.scope;
      if (cls.length) span.className = cls.join(" ");
      span.appendChild(piece);
      frag.appendChild(span);
    }
    frag.appendChild(document.createTextNode("\n")); // a last empty line keeps its height
    target.replaceChildren(frag);
  }

  return { compile, tokenize, render };
})();
