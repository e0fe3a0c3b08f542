// The playground: edit a case, decide it through the REST service, read the answer, its tree,
// its citations and the memo, and answer the interview's questions.
// Every string from a case or a response reaches the page through textContent (el() below),
// never innerHTML: a case's text is shown, never run.
"use strict";

const EXAMPLE = `use glomag

# Treasury press release sm1055, 2020-07-09
case xpsb_2020 "Xinjiang Public Security Bureau" as of 2020-07-09
  entity xpsb "Xinjiang Public Security Bureau".
  act detentions "mass arbitrary detention and severe physical abuse".
  xpsb is a foreign person.
  detentions is serious human rights abuse.
  question meets_criteria(xpsb).
`;

const $ = (id) => document.getElementById(id);
let rules = [];
let diagnostics = [];
let interview = null; // {case, question, answers: [{fact, value}]}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k === "data") Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

// ---- the editor ---------------------------------------------------------------------------
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

// The parser counts columns in code points, JavaScript strings in UTF-16 units: walk the line by code points.
function offset(starts, text, line, column) {
  if (line < 1 || line > starts.length) return text.length;
  let at = starts[line - 1], n = 1;
  for (const ch of text.slice(at)) {
    if (n >= column || ch === "\n") break;
    at += ch.length;
    n++;
  }
  return Math.min(text.length, at);
}

function paint() {
  const text = $("source").value;
  const starts = lineStarts(text);
  const mine = diagnostics.filter((d) => d.file === currentName());
  const marks = mine.map((d) => {
    const start = offset(starts, text, d.line, d.column);
    let end = offset(starts, text, d.end_line, d.end_column);
    if (end <= start) end = Math.min(text.length, start + 1);
    return { start, end, cls: `squiggle ${d.severity}` };
  });
  WritHighlight.render($("highlighted"), text, rules, marks);
  const bad = new Set(mine.map((d) => d.line));
  $("gutter").replaceChildren(...starts.map((_, i) =>
    el("div", { class: bad.has(i + 1) ? "ln has-diagnostic" : "ln", data: { line: String(i + 1) } }, String(i + 1))));
  syncScroll();
}

function syncScroll() {
  const src = $("source");
  $("highlighted").scrollTop = src.scrollTop;
  $("highlighted").scrollLeft = src.scrollLeft;
  $("gutter").scrollTop = src.scrollTop;
}

function goTo(line, column) {
  const src = $("source");
  const starts = lineStarts(src.value);
  const at = offset(starts, src.value, line, column);
  src.focus();
  src.setSelectionRange(at, at);
}

function currentName() { return "case.writ"; }

// ---- talking to the service ------------------------------------------------------------------
async function call(path, body) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { ok: response.ok, status: response.status, data };
}

function showDiagnostics(list) {
  diagnostics = list;
  $("diagnostics").replaceChildren(...list.map((d) => {
    const item = el("li", { class: `diagnostic ${d.severity}`, data: { line: String(d.line), code: d.code } },
      el("span", { class: "where" }, `${d.file}:${d.line}:${d.column}`), " ",
      el("span", { class: "code" }, `${d.severity}[${d.code}]`), " ",
      el("span", { class: "message" }, d.message),
      d.hint ? el("div", { class: "hint" }, `hint: ${d.hint}`) : null);
    if (d.file === currentName()) item.addEventListener("click", () => goTo(d.line, d.column));
    return item;
  }));
  paint();
}

function status(text) { $("status").textContent = text; }

async function decide() {
  status("deciding…");
  interview = null;
  $("interview").hidden = true;
  const { ok, status: code, data } = await call("/decide", { text: $("source").value, name: currentName(),
                                                            explain: $("explain").checked, memo: true });
  if (!ok) {
    showDiagnostics((data && data.diagnostics) || []);
    $("results").replaceChildren();
    status(`${code}: ${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}`);
    return;
  }
  showDiagnostics(data.diagnostics);
  const decided = data.decisions.filter((d) => !d.outcome || d.outcome.kind === "decided");
  let m = 0;
  $("results").replaceChildren(...data.decisions.map((d) => {
    const decidedCase = !d.outcome || d.outcome.kind === "decided";
    return renderDecision(d, decidedCase ? data.memos[m++] : null);
  }));
  status(`${decided.length} of ${data.decisions.length} case${data.decisions.length === 1 ? "" : "s"} decided`);
}

// ---- the decision --------------------------------------------------------------------------
function answerBadge(answer) {
  return el("span", { class: `answer answer-${answer}` }, answer);
}

function provisionLine(g) {
  return el("li", { class: "ground" },
    el("span", { class: "cite" }, g.cite || g.id), g.title ? ` — ${g.title}` : "",
    g.text ? el("details", {}, el("summary", {}, "the text"), el("blockquote", {}, g.text)) : null,
    (g.cautions || []).map((c) => el("div", { class: "caution" }, `caution: ${c}`)));
}

function tree(node) {
  const label = [el("span", { class: node.holds ? "reading" : "reading negated" }, node.reading), " ",
    el("code", {}, node.statement), " ", el("span", { class: "kind" }, node.kind)];
  if (node.provision) label.push(" ", el("span", { class: "cite" }, node.provision.cite || node.provision.id));
  if (node.source) label.push(" ", el("span", { class: "src" }, `${node.source.file}:${node.source.line}`));
  const kids = node.children || [];
  if (!kids.length) return el("li", { class: "node" }, label);
  return el("li", { class: "node" }, el("details", { open: "" }, el("summary", {}, label), el("ul", {}, kids.map(tree))));
}

function renderResult(d, r) {
  const box = el("article", { class: "result", data: { question: r.question } },
    el("h3", {}, answerBadge(r.answer), " ", r.reading),
    el("p", {}, el("code", {}, r.question)));
  if (r.grounds && r.grounds.length) box.append(el("h4", {}, "Grounds"), el("ul", { class: "grounds" }, r.grounds.map(provisionLine)));
  if (r.explanation) box.append(el("h4", {}, "Why"), el("ul", { class: "tree" }, tree(r.explanation)));
  if (r.why_not && r.why_not.length) {
    const list = el("ul", { class: "why-not" }, r.why_not.map((f) => el("li", {},
      el("span", { class: "cite" }, f.provision.cite || f.provision.id), `: ${f.reason}`,
      f.reading ? ` — ${f.reading}` : (f.condition ? ` — ${f.condition}` : ""), f.detail ? ` (${f.detail})` : "")));
    // a long list of rules that did not conclude it is there to read, not in the way
    box.append(el("details", r.why_not.length > 3 ? {} : { open: "" },
      el("summary", {}, `Why not: ${r.why_not.length} rule${r.why_not.length === 1 ? "" : "s"} that could have concluded it`), list));
  }
  if (r.deciding && r.deciding.length) {
    box.append(el("h4", {}, "What would decide it"), el("ul", { class: "deciding" }, r.deciding.map((s) => el("li", {},
      s.facts.map((f) => f.question).join(" and "), el("div", { class: "outcomes" }, s.outcomes.join("; "))))));
  }
  if (r.answer === "undetermined" && !(r.asked && r.asked === r.question)) {
    const ask = el("button", { type: "button", class: "ask" }, "Answer its questions");
    ask.addEventListener("click", () => startInterview(d.case, r.question));
    box.append(ask);
  }
  (r.not_explained || []).forEach((n) => box.append(el("p", { class: "caution" }, n)));
  return box;
}

function renderDecision(d, memo) {
  const section = el("section", { class: "decision", data: { case: d.case } },
    el("h2", {}, d.title || d.case), el("p", { class: "meta" }, `case ${d.case}, as of ${d.as_of}`));
  if (d.outcome && d.outcome.kind !== "decided") {
    section.append(el("p", { class: "undecided" }, `${d.outcome.kind}: ${d.outcome.reason || ""}`));
    return section;
  }
  section.append(...d.results.map((r) => renderResult(d, r)));
  if (d.expectations.length) {
    section.append(el("h4", {}, "Expectations"), el("ul", { class: "expectations" }, d.expectations.map((e) =>
      el("li", { class: e.passed ? "passed" : "failed" }, e.passed ? "✓ " : "✗ ", el("code", {}, e.question), ` ${e.message}`))));
  }
  if (memo) section.append(el("details", { class: "memo" }, el("summary", {}, "Memo (Markdown)"), el("pre", {}, memo)));
  return section;
}

// ---- the interview -------------------------------------------------------------------------
async function startInterview(caseName, question) {
  interview = { case: caseName, question, answers: [] };
  await step();
}

async function step() {
  const { ok, data } = await call("/interview", { text: $("source").value, name: currentName(),
                                                  case: interview.case, question: interview.question, answers: interview.answers });
  $("interview").hidden = false;
  if (!ok) {
    showDiagnostics((data && data.diagnostics) || []);
    $("iv-done").hidden = false;
    $("iv-done").textContent = "The interview cannot go on: see the diagnostics.";
    $("iv-step").hidden = true;
    return;
  }
  $("iv-question-asked").textContent = `${data.reading}? (${data.question})`;
  $("iv-answer").replaceChildren(answerBadge(data.answer));
  $("iv-given").replaceChildren(...interview.answers.map((a) =>
    el("li", {}, el("code", {}, a.fact), ` — ${a.value === null ? "do not know" : a.value ? "yes" : "no"}`)));
  if (data.next) {
    $("iv-step").hidden = false;
    $("iv-done").hidden = true;
    $("iv-next").textContent = data.next.question;
    $("iv-statement").textContent = data.next.statement;
    interview.pending = data.next.statement;
  } else {
    $("iv-step").hidden = true;
    $("iv-done").hidden = false;
    $("iv-done").textContent = data.answer === "undetermined"
      ? "Nothing left to ask can decide it: it stays undetermined."
      : `Decided: ${data.answer}.`;
    const d = { case: interview.case };
    $("iv-done").append(renderResult(d, { ...data.result, deciding: [], answer: data.answer, asked: data.question }));
  }
}

function give(value) {
  if (!interview || !interview.pending) return;
  interview.answers.push({ fact: interview.pending, value });
  interview.pending = null;
  step();
}

// ---- start ---------------------------------------------------------------------------------
async function start() {
  const src = $("source");
  src.value = EXAMPLE;
  try {
    rules = WritHighlight.compile(await (await fetch("/highlighting.json")).json());
  } catch (e) {
    console.warn("no highlighting", e);
  }
  paint();
  src.addEventListener("input", () => { diagnostics = diagnostics.filter((d) => d.file !== currentName()); paint(); });
  src.addEventListener("scroll", syncScroll);
  src.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); decide(); }
    if (ev.key === "Tab" && !ev.shiftKey) { ev.preventDefault(); src.setRangeText("  ", src.selectionStart, src.selectionEnd, "end"); paint(); }
  });
  $("decide").addEventListener("click", decide);
  $("iv-yes").addEventListener("click", () => give(true));
  $("iv-no").addEventListener("click", () => give(false));
  $("iv-unknown").addEventListener("click", () => give(null));
  $("iv-close").addEventListener("click", () => { interview = null; $("interview").hidden = true; });
  document.body.dataset.ready = "true"; // for tests: the highlighting rules are loaded
}

start();
