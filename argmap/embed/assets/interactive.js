"use strict";
(function () {
  // Everything the map says comes from the JSON element and is only ever set as
  // text (textContent), never as markup.
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var box = document.getElementById("map");
  var svg = box.querySelector("svg");
  var tip = document.getElementById("tip");
  var status = document.getElementById("status");
  var byTarget = {};
  data.inferences.forEach(function (inference) {
    (byTarget[inference.target] = byTarget[inference.target] || []).push(inference);
  });

  // --- pan and zoom: the SVG's viewBox --------------------------------------
  var start = svg.viewBox.baseVal;
  var full = [start.x, start.y, start.width, start.height];
  var view = full.slice();
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  function show() { svg.setAttribute("viewBox", view.join(" ")); }
  function zoom(factor, cx, cy) {
    var x = cx === undefined ? view[0] + view[2] / 2 : cx;
    var y = cy === undefined ? view[1] + view[3] / 2 : cy;
    view = [x - (x - view[0]) * factor, y - (y - view[1]) * factor, view[2] * factor, view[3] * factor];
    show();
  }
  function point(event) {
    var p = svg.createSVGPoint();
    p.x = event.clientX; p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  box.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = point(event);
    zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85, p.x, p.y);
  }, { passive: false });
  var drag = null;
  box.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, moved: false };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    drag.moved = true;
    box.classList.add("dragging");
    var scale = view[2] / box.clientWidth;
    view[0] -= dx * scale; view[1] -= dy * scale;
    drag.x = event.clientX; drag.y = event.clientY;
    show();
  });
  window.addEventListener("pointerup", function () {
    box.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-reset").addEventListener("click", function () { view = full.slice(); show(); });

  // --- the chain of reasons and attackers of a box ---------------------------
  function chain(name) {
    var boxes = {}, parts = {}, todo = [name];
    boxes[name] = true;
    while (todo.length) {
      var target = todo.pop();
      (byTarget[target] || []).forEach(function (inference) {
        parts[inference.junction] = true;
        inference.edges.forEach(function (edge) { parts[edge] = true; });
        todo.push(inference.junction);  // undercuts aim at the junction
        inference.premises.forEach(function (premise) {
          if (!boxes[premise]) { boxes[premise] = true; todo.push(premise); }
        });
      });
    }
    return { boxes: Object.keys(boxes), parts: Object.keys(parts) };
  }
  function clear() {
    box.classList.remove("focused");
    svg.querySelectorAll(".chain, .selected").forEach(function (element) {
      element.classList.remove("chain", "selected");
    });
    status.textContent = "";
  }
  // A box drawn again elsewhere (n3_0) stands for the same node as n3.
  function nodeName(id) { return id.split("_")[0]; }
  function boxesOf(name) {
    return [document.getElementById(name)].concat(Array.from(svg.querySelectorAll('g[id^="' + name + '_"]')));
  }
  function select(name) {
    clear();
    var found = chain(name);
    box.classList.add("focused");
    found.parts.forEach(function (id) {
      var element = document.getElementById(id);
      if (element) { element.classList.add("chain"); }
    });
    found.boxes.forEach(function (id) {
      boxesOf(id).forEach(function (element) { if (element) { element.classList.add("chain"); } });
    });
    boxesOf(name).forEach(function (element) { if (element) { element.classList.add("selected"); } });
    var about = data.boxes[name];
    status.textContent = "Showing the " + (found.boxes.length - 1) + " statements that bear on the " +
      about.kind + ": " + about.text;
  }
  function nodeOf(element) {
    return element && element.closest ? element.closest("g.node") : null;
  }
  svg.addEventListener("click", function (event) {
    if (drag && drag.moved) { return; }
    var node = nodeOf(event.target);
    if (node && data.boxes[nodeName(node.id)]) { select(nodeName(node.id)); } else { clear(); }
  });
  svg.addEventListener("keydown", function (event) {
    var node = nodeOf(event.target);
    if (node && data.boxes[nodeName(node.id)] && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(nodeName(node.id));
    } else if (event.key === "Escape") {
      clear();
    }
  });

  // --- hover and focus: the box's words ---------------------------------------
  function line(text, className) {
    var p = document.createElement("p");
    if (className) { p.className = className; }
    p.textContent = text;
    return p;
  }
  function showTip(node, x, y) {
    var about = data.boxes[nodeName(node.id)];
    if (!about) { return; }
    tip.replaceChildren(line(about.kind, "kind"), line(about.text));
    if (about.tags.length) { tip.appendChild(line("Tags: " + about.tags.map(function (t) { return "#" + t; }).join(" "))); }
    if (about.source) { tip.appendChild(line("Source: " + about.source)); }
    about.notes.forEach(function (note) { tip.appendChild(line(note)); });
    tip.hidden = false;
    tip.style.left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(y + 14, window.innerHeight - tip.offsetHeight - 8) + "px";
  }
  svg.addEventListener("pointermove", function (event) {
    var node = nodeOf(event.target);
    if (node && !(drag && drag.moved)) { showTip(node, event.clientX, event.clientY); } else { tip.hidden = true; }
  });
  svg.addEventListener("pointerleave", function () { tip.hidden = true; });
  svg.addEventListener("focusin", function (event) {
    var node = nodeOf(event.target);
    if (node) {
      var r = node.getBoundingClientRect();
      showTip(node, r.right, r.top);
    }
  });
  svg.addEventListener("focusout", function () { tip.hidden = true; });

  // --- the map or its .arg text -------------------------------------------------
  var toggle = document.getElementById("show-source");
  var source = document.getElementById("source");
  toggle.addEventListener("click", function () {
    var showing = source.hidden;
    source.hidden = !showing;
    box.hidden = showing;
    toggle.setAttribute("aria-pressed", String(showing));
    toggle.textContent = showing ? "Show the map" : "Show .arg text";
  });
}());
