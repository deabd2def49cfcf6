"""The report page's look and its one behaviour (the "only problems" filter), inline.

The page is sent as a webhook body, saved to disk and opened offline, so it loads nothing from
elsewhere: no fonts, images or scripts from a network. Colours are chosen for contrast (text
on every tinted background is at least 4.5:1, WCAG AA) and never carry meaning alone: verdicts
are spelled out in badges, and changed words are also struck through or underlined. Focus is
always visible for keyboard users. Without JavaScript the page shows everything; the script
only toggles a class and announces how many quotations are shown.
"""

from __future__ import annotations

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #4d5560; --line: #d5d9de;
  --paper: #ffffff; --wash: #f5f6f8; --accent: #1a4fb8; --focus: #1a56db;
  --ok: #0b5a20; --ok-bg: #e3f3e7; --warn: #6b3f00; --warn-bg: #fff0d1;
  --bad: #8a0a0a; --bad-bg: #fde7e7; --none: #3d434a; --none-bg: #eceef1; }
* { box-sizing: border-box; }
html { scroll-padding-top: 4.5rem; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--wash); }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--paper); padding: .5rem;
  z-index: 10; }
.skip:focus { left: .5rem; }
.page-head { background: var(--paper); border-bottom: 1px solid var(--line); }
.page-head > div, main { max-width: 76rem; margin: 0 auto; padding: 1.25rem 1.5rem; }
.eyebrow { margin: 0; color: var(--muted); font-size: .85rem; font-weight: 600;
  letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: .1rem 0 .35rem; font-size: 1.75rem; line-height: 1.25; }
h2 { margin: 2.25rem 0 .75rem; font-size: 1.3rem; }
main > section:first-child > h2 { margin-top: .75rem; }
h3 { margin: 0; font-size: 1.15rem; }
h4 { margin: 1rem 0 .4rem; font-size: .95rem; color: var(--muted); }
.meta { color: var(--muted); margin: 0 0 .9rem; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: .6rem; list-style: none; padding: 0; margin: 0; }
.summary li { padding: .55rem .8rem; border-radius: .5rem; border: 1px solid var(--line);
  border-left-width: .35rem; background: var(--paper); color: var(--ink); }
.summary strong { display: block; font-size: 1.6rem; line-height: 1.2; }
.summary .v-consistent, .summary .p-verified { border-left-color: var(--ok); }
.summary .v-variant { border-left-color: #b86e00; }
.summary .v-speaker_conflict, .summary .p-contradicted { border-left-color: var(--bad); }
.summary .v-single_source, .summary .p-not_found { border-left-color: #8a9099; }
.summary-label { margin: .9rem 0 .4rem; font-weight: 600; font-size: .95rem; }
.failures { margin: 1rem 0 0; padding: .7rem 1rem; border: 1px solid #e0b4b4;
  border-radius: .5rem; background: var(--bad-bg); color: var(--bad); }
.failures p { margin: 0; }
.failures ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.toolbar { position: sticky; top: 0; z-index: 5; background: var(--paper);
  border-bottom: 1px solid var(--line); box-shadow: 0 1px 3px rgba(0, 0, 0, .06); }
.toolbar > div { max-width: 76rem; margin: 0 auto; padding: .6rem 1.5rem; display: flex;
  flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
.filter { margin: 0; font-weight: 600; }
.filter input { width: 1.15rem; height: 1.15rem; margin: 0 .45rem 0 0; vertical-align: -.2rem;
  accent-color: var(--accent); }
#filter-status { margin: 0; color: var(--muted); }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, .article-text:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.badge { display: inline-block; padding: .12rem .55rem; border-radius: 1rem; font-size: .82rem;
  font-weight: 600; margin: 0 .35rem .2rem 0; border: 1px solid transparent; }
.v-consistent, .p-verified { background: var(--ok-bg); color: var(--ok); }
.v-variant { background: var(--warn-bg); color: var(--warn); }
.v-speaker_conflict, .p-contradicted { background: var(--bad-bg); color: var(--bad); }
.v-single_source, .p-not_found { background: var(--none-bg); color: var(--none); }
.badge.facets { background: var(--paper); color: inherit; border-color: var(--line);
  font-weight: 400; }
.cluster { background: var(--paper); border: 1px solid var(--line);
  border-left: .4rem solid #8a9099; border-radius: .6rem; padding: 1rem 1.25rem;
  margin: 0 0 1rem; box-shadow: 0 1px 2px rgba(0, 0, 0, .04); }
.cluster[data-verdict="consistent"] { border-left-color: var(--ok); }
.cluster[data-verdict="variant"] { border-left-color: #b86e00; }
.cluster[data-verdict="speaker_conflict"] { border-left-color: var(--bad); }
.cluster-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem 1rem;
  justify-content: space-between; }
.badges { margin: 0; }
.versions { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr));
  gap: .75rem; margin: .75rem 0 .25rem; }
.version { margin: 0; padding: .65rem .9rem; border: 1px solid var(--line);
  border-radius: .45rem; background: var(--wash); }
.version figcaption { font-size: .9rem; color: var(--muted); }
.version figcaption strong { color: var(--ink); margin-right: .5rem; }
.version figcaption .who { margin-right: .4rem; }
.version figcaption .badge { font-size: .75rem; }
.version blockquote { margin: .35rem 0 0; font-family: Georgia, "Times New Roman", serif;
  font-size: 1.05rem; }
a[href^="#quote-"] { color: inherit; text-decoration: underline dotted #7b8794;
  text-underline-offset: .2em; }
a[href^="#quote-"]:hover { color: var(--accent); text-decoration-style: solid; }
.version blockquote::before { content: "“"; }
.version blockquote::after { content: "”"; }
.comparisons, .checks { padding-left: 1.2rem; margin: .25rem 0; }
.comparisons p, .checks p { margin: .2rem 0; }
.diff { margin: .2rem 0 .7rem; padding: .45rem .7rem; background: var(--wash);
  border-radius: .35rem; font-family: Georgia, "Times New Roman", serif; font-size: 1.02rem; }
del { background: var(--bad-bg); color: var(--bad); text-decoration: line-through;
  text-decoration-thickness: 2px; padding: 0 .1rem; }
ins { background: var(--ok-bg); color: var(--ok); text-decoration: underline;
  text-decoration-thickness: 2px; padding: 0 .1rem; }
mark { background: #fff3b0; color: var(--ink); padding: .05rem .1rem; border-radius: .2rem; }
mark del, mark ins { padding: 0; }
.gap { color: var(--muted); }
.primary { margin-top: .8rem; padding: .2rem .9rem .5rem; border: 1px dashed #aab2bc;
  border-radius: .45rem; }
.primary .note { margin: .2rem 0 .4rem; }
.more { font-size: .9rem; white-space: nowrap; }
.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--line);
  border-radius: .5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .5rem .7rem;
  border-bottom: 1px solid var(--line); }
thead th { background: var(--wash); font-size: .9rem; }
tbody tr:last-child td { border-bottom: 0; }
.article { background: var(--paper); border: 1px solid var(--line); border-radius: .6rem;
  padding: 1rem 1.25rem; margin: 0 0 1rem; }
.article .meta { margin: .2rem 0 .6rem; }
.tag { font-size: .8rem; font-weight: 600; color: var(--none); background: var(--none-bg);
  border-radius: 1rem; padding: .1rem .5rem; margin-left: .4rem; vertical-align: .1rem; }
.article-text { white-space: pre-wrap; max-height: 32rem; overflow: auto;
  font-family: Georgia, "Times New Roman", serif; padding-right: .5rem; }
.quote-span { background: #e6edfb; border-bottom: 2px solid var(--focus); }
.primary-span { background: #f1ebfa; border-bottom: 2px solid #6b3fa0; }
.quote-span:target, .primary-span:target { background: #fff3b0; outline: 2px solid #b38600; }
.only-problems [data-problem="false"] { display: none; }
@media (max-width: 40rem) { .page-head > div, main, .toolbar > div { padding-left: 1rem;
  padding-right: 1rem; } h1 { font-size: 1.4rem; } }
@media print { .toolbar, .skip { display: none; } body { background: #fff; }
  .article-text { max-height: none; overflow: visible; } }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
""".strip()

SCRIPT = """
(function () {
  var box = document.getElementById("only-problems");
  var status = document.getElementById("filter-status");
  function apply() {
    document.body.classList.toggle("only-problems", box.checked);
    var all = document.querySelectorAll(".cluster, .single");
    var shown = 0;
    for (var i = 0; i < all.length; i++) {
      if (all[i].getClientRects().length > 0) { shown++; }
    }
    status.textContent = box.checked
      ? "Showing " + shown + " of " + all.length + " quotations (problems only)"
      : "Showing all " + all.length + " quotations";
  }
  box.addEventListener("change", apply);
  apply();
})();
""".strip()
