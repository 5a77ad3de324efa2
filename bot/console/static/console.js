/* Advisors' console: live queue, live transcript, heartbeat. Text is set with textContent only. */
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var statusBox = document.getElementById("status");

  function say(text) { if (statusBox) { statusBox.textContent = text; } }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (r.status === 401) { window.location.href = "/console/login"; throw new Error("401"); }
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function heartbeat() {
    fetch("/console/api/heartbeat", { method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf } }).catch(function () {});
  }
  heartbeat();
  setInterval(heartbeat, 30000);

  var queue = document.getElementById("queue");
  if (queue) {
    var body = queue.querySelector("tbody");
    var refreshQueue = function () {
      getJSON("/console/api/queue").then(function (data) {
        say("");
        var rows = document.createDocumentFragment();
        if (!data.tickets.length) {
          var tr = el("tr", null, "empty"), td = el("td", "Aucune demande en attente.");
          td.colSpan = 6; tr.appendChild(td); rows.appendChild(tr);
        }
        data.tickets.forEach(function (t) {
          var tr = el("tr");
          tr.setAttribute("data-ticket", t.id);
          var link = el("a", "n° " + t.id);
          link.href = "/console/tickets/" + encodeURIComponent(t.id);
          var first = el("td"); first.appendChild(link); tr.appendChild(first);
          tr.appendChild(el("td", (t.reason || "") + (t.mode === "callback" ? " (rappel)" : "")));
          tr.appendChild(el("td", t.waiting));
          tr.appendChild(el("td", t.status === "queued" ? "en attente" : "pris en charge"));
          tr.appendChild(el("td", t.channel_label || t.channel || ""));
          tr.appendChild(el("td", t.advisor || ""));
          rows.appendChild(tr);
        });
        body.replaceChildren(rows);
      }).catch(function () { say("Connexion à la console perdue : nouvel essai dans quelques secondes."); });
    };
    setInterval(refreshQueue, 3000);
  }

  var transcript = document.getElementById("transcript");
  if (transcript && transcript.getAttribute("data-ticket")) {
    var ticketId = transcript.getAttribute("data-ticket");
    var names = { pause: "Assistant en pause", resume: "Assistant réactivé",
                  session_started: "Nouvelle session", restart: "Redémarrage" };
    var refreshTranscript = function () {
      getJSON("/console/api/tickets/" + encodeURIComponent(ticketId)).then(function (data) {
        say("");
        var items = document.createDocumentFragment();
        data.items.forEach(function (item) {
          var li;
          if (item.kind === "user") {
            li = el("li", null, "t-user");
            var meta = item.at + " · Usager";
            if (item.intent) {
              meta += " · intention " + item.intent;
              if (item.confidence !== null && item.confidence !== undefined) { meta += " (" + Number(item.confidence).toFixed(2) + ")"; }
            }
            (item.entities || []).forEach(function (e) { meta += " · " + e.entity + "=" + (typeof e.value === "object" ? JSON.stringify(e.value) : e.value); });
            li.appendChild(el("span", meta, "meta"));
            li.appendChild(document.createTextNode("\n" + item.text));
          } else if (item.kind === "bot") {
            li = el("li", null, item.advisor ? "t-advisor" : "t-bot");
            li.appendChild(el("span", item.at + " · " + (item.advisor ? "Conseiller : " + item.advisor : "Assistant") + (item.custom_type ? " · [" + item.custom_type + "]" : ""), "meta"));
            li.appendChild(document.createTextNode("\n" + item.text));
            if (item.buttons && item.buttons.length) { li.appendChild(el("span", "\nBoutons : " + item.buttons.join(" / "), "meta")); }
          } else if (item.kind === "action") {
            li = el("li", "Action " + item.name + (item.policy ? " (" + item.policy + (item.confidence !== null && item.confidence !== undefined ? ", " + Number(item.confidence).toFixed(2) : "") + ")" : ""), "t-action");
          } else if (item.kind === "slot") {
            li = el("li", "Slot " + item.name + " = " + (item.value === null ? "—" : (typeof item.value === "object" ? JSON.stringify(item.value) : item.value)), "t-slot");
          } else {
            li = el("li", names[item.kind] || item.kind, "t-meta");
          }
          items.appendChild(li);
        });
        transcript.replaceChildren(items);
      }).catch(function () { say("Connexion à la console perdue : nouvel essai dans quelques secondes."); });
    };
    setInterval(refreshTranscript, 3000);
  }
})();
