"""The page of ``argmap serve``: its HTML, script and style sheet, served from
fixed paths (kept as strings here so that they ship inside the package).

The script asks ``/state?since=VERSION`` in a loop; the server answers when the
file changes. Texts from the map are set with ``textContent`` only. The page
records what it shows in ``data-`` attributes of ``<body>`` (``data-version``,
``data-status``) for tests and for curious users.
"""

INDEX_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>argmap preview</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body data-status="loading">
<header>
  <span class="brand">argmap</span>
  <span id="file" class="file"></span>
  <span id="status" class="status">loading…</span>
</header>
<div id="banner" class="banner" hidden></div>
<main>
  <section id="map" class="map" aria-label="the map"><p class="muted">Drawing the map…</p></section>
  <aside class="panel" aria-label="diagnostics">
    <h2 id="summary">Diagnostics</h2>
    <ul id="diagnostics" class="diagnostics"></ul>
  </aside>
</main>
</body>
</html>
"""

APP_CSS = """
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", Verdana, sans-serif; color: #1a1a1a; background: #f6f7f9;
       display: flex; flex-direction: column; }
header { display: flex; gap: 1em; align-items: baseline; padding: .6em 1em; background: #1f4e79; color: #fff; }
.brand { font-weight: bold; letter-spacing: .05em; }
.file { font-family: monospace; }
.status { margin-left: auto; opacity: .9; }
.banner { padding: .5em 1em; background: #fdecea; color: #8e1b1b; border-bottom: 1px solid #f5c2c0; }
main { flex: 1; display: grid; grid-template-columns: minmax(0, 1fr) 24em; min-height: 0; }
.map { overflow: auto; padding: 1em; background: #fff; }
.map svg { max-width: 100%; height: auto; }
.map.stale svg { opacity: .45; }
.panel { overflow: auto; padding: 1em; border-left: 1px solid #dadce0; }
.panel h2 { font-size: 1.05em; margin: 0 0 .6em; }
.diagnostics { list-style: none; margin: 0; padding: 0; }
.diagnostics li { margin: 0 0 .7em; padding: .4em .6em; border-left: 4px solid #9aa0a6; background: #fff;
                  border-radius: 0 .3em .3em 0; }
.diagnostics li.error { border-color: #c62828; }
.diagnostics li.warning { border-color: #f9a825; }
.diagnostics li.info { border-color: #1e88e5; }
.where { font-family: monospace; color: #5f6368; }
.severity { font-weight: bold; text-transform: uppercase; font-size: .8em; margin: 0 .4em; }
.code { color: #5f6368; font-size: .85em; }
.message { display: block; }
.hint { display: block; color: #5f6368; font-size: .92em; margin-top: .2em; }
.muted { color: #5f6368; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; } .panel { border-left: 0; } }
"""

APP_JS = """'use strict';
(function () {
  let version = '';
  const $ = (id) => document.getElementById(id);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function showMap(svgText, stale) {
    const holder = $('map');
    if (!svgText) {
      holder.replaceChildren(element('p', 'muted', 'No drawing yet.'));
      return;
    }
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
      holder.replaceChildren(element('p', 'muted', 'The drawing could not be read.'));
      return;
    }
    holder.replaceChildren(document.importNode(svg, true));
    holder.classList.toggle('stale', Boolean(stale));
  }

  function showDiagnostics(list) {
    const items = list.map((d) => {
      const li = element('li', d.severity);
      li.append(element('span', 'where', 'line ' + d.line + ':' + d.column),
                element('span', 'severity', d.severity),
                element('span', 'code', d.code),
                element('span', 'message', d.message));
      if (d.hint) li.append(element('span', 'hint', 'hint: ' + d.hint));
      return li;
    });
    $('diagnostics').replaceChildren(...items);
    const counts = ['error', 'warning', 'info'].map((severity) => {
      const n = list.filter((d) => d.severity === severity).length;
      return n ? n + ' ' + severity + (n === 1 || severity === 'info' ? '' : 's') : '';
    }).filter(Boolean);
    $('summary').textContent = list.length === 0 ? 'No diagnostics: argmap check finds nothing.'
      : counts.join(', ');
  }

  function show(state) {
    version = state.version;
    document.body.dataset.version = state.version;
    document.title = 'argmap: ' + state.file + (state.title ? ' (' + state.title + ')' : '');
    $('file').textContent = state.file;
    showMap(state.svg, state.stale);
    showDiagnostics(state.diagnostics || []);
    const banner = $('banner');
    banner.hidden = !state.error;
    banner.textContent = state.error || '';
    document.body.dataset.status = state.error ? 'error' : 'ok';
    $('status').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  async function poll() {
    try {
      const response = await fetch('/state?since=' + encodeURIComponent(version), { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const state = await response.json();
      if (state.version !== version) show(state);
      setTimeout(poll, 30);
    } catch (error) {
      document.body.dataset.status = 'disconnected';
      $('status').textContent = 'not connected: is argmap serve still running?';
      setTimeout(poll, 1500);
    }
  }

  poll();
})();
"""
