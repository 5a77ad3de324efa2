// The housing assistant's chat widget: one script tag on any page.
//
//   <script src=".../static/widget/widget.js" data-server="http://localhost:5005"
//           data-employer-name="Transports Durand" data-employer-sector="prive_non_agricole"
//           data-employer-size="120" data-employer-contributes="true" defer></script>
//
// Private by default: until the user clicks "Ouvrir l'assistant", nothing is connected,
// fetched from the assistant's server or written to the browser (cookie or web storage).
// Afterwards the session id, its token (the server's signature: without it the server starts
// a new conversation) and the rendered messages live in sessionStorage (this tab
// only), so a reload keeps the conversation; "Effacer la conversation" forgets them.
import { io } from "socket.io-client";
import { aidResults, el, richText, srOnly } from "./render.js";
import { CSS } from "./style.js";

const STORAGE_KEY = "assistant-logement";
const MAX_ENTRIES = 80;
const MAX_STORED_CHARS = 200000;

const script = document.currentScript;

function readConfig(node) {
  const data = (node && node.dataset) || {};
  const employer = {};
  if (data.employerSector) employer.sector = data.employerSector;
  const size = Number.parseInt(data.employerSize || "", 10);
  if (Number.isFinite(size) && size >= 0) employer.size = size;
  if (data.employerContributes === "true" || data.employerContributes === "false") {
    employer.contributes = data.employerContributes === "true";
  }
  return {
    server: data.server || `${window.location.protocol}//${window.location.hostname}:5005`,
    socketPath: data.socketPath || "/socket.io",
    employerName: data.employerName || "",
    // the service's privacy notice (/confidentialite, next to this script), unless the page names one
    privacyUrl: data.privacyUrl || defaultPrivacyUrl(node),
    employer: Object.keys(employer).length ? employer : null,
  };
}

function defaultPrivacyUrl(node) {
  try {
    return new URL("/confidentialite", node && node.src ? node.src : window.location.href).href;
  } catch (error) {
    return "";
  }
}

function storageGet() {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const parsed = raw ? JSON.parse(raw) : null;
    return parsed && parsed.v === 1 && Array.isArray(parsed.entries) ? parsed : null;
  } catch (error) {
    return null;
  }
}

function chatIcon() {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "22");
  svg.setAttribute("height", "22");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 "
    + "3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z");
  svg.append(path);
  return svg;
}

function frenchDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

class AssistantWidget {
  constructor(config) {
    this.config = config;
    this.socket = null;
    this.confirmed = false;
    this.outbox = [];
    this.typingTimer = null;
    this.uid = 0;
    const stored = storageGet();
    this.state = {
      activated: Boolean(stored), // true once the user has opened the widget in this tab
      open: false,
      sessionId: stored ? stored.sessionId || null : null,
      sessionToken: stored ? stored.sessionToken || null : null,
      entries: stored ? stored.entries : [],
      handoff: stored ? stored.handoff || "" : "",
    };
    this.build();
    this.renderAll();
    if (stored && stored.open) this.open({ focus: false });
  }

  // -- DOM --------------------------------------------------------------------------------
  build() {
    if (!document.getElementById("alw-style")) {
      document.head.append(el("style", { id: "alw-style", text: CSS }));
    }
    const titleId = "alw-title";
    this.launcher = el("button", {
      type: "button", class: "alw-launcher", "aria-expanded": "false", "aria-controls": "alw-panel",
    }, [chatIcon(), "Ouvrir l'assistant"]);
    this.closeButton = el("button", { type: "button", class: "alw-close", "aria-label": "Fermer l'assistant" },
      [el("span", { "aria-hidden": "true", text: "×" })]);
    this.clearButton = el("button", { type: "button", class: "alw-clear", text: "Effacer la conversation" });
    this.downloadButton = el("button", { type: "button", class: "alw-clear alw-download", text: "Télécharger ma conversation" });
    this.log = el("div", {
      class: "alw-log", role: "log", "aria-live": "polite", "aria-label": "Conversation avec l'assistant",
      tabindex: "0",
    });
    this.typing = el("p", { class: "alw-typing", role: "status" });
    this.handoffStatus = el("p", { class: "alw-handoff", role: "status" });
    this.alert = el("p", { class: "alw-alert", role: "alert" });
    this.input = el("input", {
      id: "alw-input", class: "alw-input", type: "text", autocomplete: "off", maxlength: "1000",
      "aria-describedby": "alw-hint", placeholder: "Ex. : je suis apprenti et je cherche un studio à Lyon",
    });
    this.form = el("form", { class: "alw-form", novalidate: true }, [
      el("label", { for: "alw-input", class: "alw-label", text: "Votre message" }),
      el("div", { class: "alw-row" }, [
        this.input,
        el("button", { type: "submit", class: "alw-send", text: "Envoyer" }),
      ]),
      el("p", { id: "alw-hint", class: "alw-sr", text: "Appuyez sur Entrée pour envoyer. Échap ferme l'assistant." }),
    ]);
    const privacy = this.config.privacyUrl && /^https?:\/\//i.test(this.config.privacyUrl)
      ? [" ", el("a", { href: this.config.privacyUrl, text: "Confidentialité" })] : [];
    this.panel = el("div", {
      id: "alw-panel", class: "alw-panel", role: "dialog", "aria-modal": "false",
      "aria-labelledby": titleId, hidden: true,
    }, [
      el("div", { class: "alw-header" }, [
        el("div", { class: "alw-heading" }, [
          el("h2", { id: titleId, class: "alw-title", text: "Assistant logement" }),
          this.config.employerName
            ? el("p", { class: "alw-subtitle", text: `Pour les salariés de ${this.config.employerName}` }) : null,
        ]),
        this.downloadButton,
        this.clearButton,
        this.closeButton,
      ]),
      el("p", { class: "alw-notice" }, [
        "Décrivez votre situation : l'assistant vous dit quelles aides Action Logement vous pouvez obtenir. "
        + "N'indiquez pas de données de santé ou sensibles.", ...privacy,
      ]),
      this.log,
      this.typing,
      this.handoffStatus,
      this.alert,
      this.form,
    ]);
    this.root = el("div", { class: "alw", lang: "fr" }, [this.panel, this.launcher]);
    document.body.append(this.root);

    this.launcher.addEventListener("click", () => (this.state.open ? this.close() : this.open({ focus: true })));
    this.closeButton.addEventListener("click", () => this.close());
    this.clearButton.addEventListener("click", () => this.clear());
    this.downloadButton.addEventListener("click", () => this.download());
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.state.open) {
        event.preventDefault();
        this.close();
      }
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.send(text, text);
    });
  }

  open({ focus }) {
    this.state.open = true;
    this.state.activated = true;
    this.panel.hidden = false;
    this.root.classList.add("alw-is-open");
    this.launcher.setAttribute("aria-expanded", "true");
    this.save();
    this.connect();
    this.scrollToEnd();
    if (focus) this.input.focus();
  }

  close() {
    this.state.open = false;
    this.panel.hidden = true;
    this.root.classList.remove("alw-is-open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.save();
    this.launcher.focus();
  }

  clear() {
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.disconnect();
    }
    this.socket = null;
    this.confirmed = false;
    this.outbox = [];
    this.state.sessionId = null;
    this.state.sessionToken = null;
    this.state.entries = [];
    this.state.handoff = "";
    this.state.activated = false;
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) { /* storage unavailable: nothing to forget */ }
    this.renderAll();
    this.setTyping(false);
    this.setAlert("");
    this.typing.textContent = "Conversation effacée sur cet appareil.";
    this.input.focus();
  }

  // Right of access: the conversation as the service stores it (identifiers masked), with the
  // profile the assistant worked out. Only this tab's session id can fetch it.
  async download() {
    if (!this.state.sessionId) {
      this.typing.textContent = "Aucune conversation à télécharger pour l'instant.";
      return;
    }
    try {
      const response = await fetch(`${this.config.server.replace(/\/$/, "")}/webhooks/privacy/download`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session_id: this.state.sessionId, token: this.state.sessionToken || null, format: "text" }),
        credentials: "omit",
      });
      if (!response.ok) {
        this.typing.textContent = response.status === 404
          ? "Aucune conversation enregistrée à télécharger." : "Le téléchargement n'a pas abouti. Réessayez.";
        return;
      }
      const blob = await response.blob();
      const link = el("a", { href: URL.createObjectURL(blob), download: "ma-conversation.txt" });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      this.typing.textContent = "Conversation téléchargée (fichier ma-conversation.txt).";
    } catch (error) {
      this.typing.textContent = "Le téléchargement n'a pas abouti. Réessayez.";
    }
  }

  // The user confirmed the erasure in the chat: the service has erased the conversation, so
  // the tab forgets it too (a new conversation starts with the next message).
  erased(message) {
    this.state.entries = [];
    this.state.handoff = "";
    this.renderAll();
    this.addEntry({ who: "system", text: message });
  }

  // -- storage ----------------------------------------------------------------------------
  save() {
    if (!this.state.activated) return;
    let entries = this.state.entries.slice(-MAX_ENTRIES);
    let payload;
    for (;;) {
      payload = JSON.stringify({
        v: 1, sessionId: this.state.sessionId, sessionToken: this.state.sessionToken, open: this.state.open,
        entries, handoff: this.state.handoff,
      });
      if (payload.length <= MAX_STORED_CHARS || entries.length <= 1) break;
      entries = entries.slice(Math.ceil(entries.length / 4));
    }
    this.state.entries = entries;
    try {
      window.sessionStorage.setItem(STORAGE_KEY, payload);
    } catch (error) { /* full or disabled storage: the conversation still works in this page */ }
  }

  // -- connection -------------------------------------------------------------------------
  connect() {
    if (this.socket) return;
    const socket = io(this.config.server, {
      path: this.config.socketPath,
      withCredentials: false,
      reconnectionDelayMax: 10000,
    });
    this.socket = socket;
    socket.on("connect", () => {
      socket.emit("session_request", { session_id: this.state.sessionId, token: this.state.sessionToken });
    });
    socket.on("session_confirm", (data) => {
      const id = typeof data === "string" ? data : data && data.session_id;
      if (!id) return;
      this.state.sessionId = id;
      this.state.sessionToken = data && typeof data === "object" && data.token ? data.token : null;
      this.confirmed = true;
      this.setAlert("");
      this.save();
      const pending = this.outbox.splice(0);
      pending.forEach((message) => this.emitMessage(message));
    });
    socket.on("bot_uttered", (data) => this.receive(data));
    socket.on("disconnect", () => {
      this.confirmed = false;
      this.setAlert("La connexion à l'assistant est interrompue. Vos messages partiront dès son retour.");
    });
    socket.on("connect_error", () => {
      this.confirmed = false;
      this.setTyping(false);
      this.setAlert("Le service de l'assistant ne répond pas. Nouvel essai automatique en cours…");
    });
  }

  emitMessage(message) {
    const body = { message, session_id: this.state.sessionId };
    if (this.config.employer) body.metadata = { employer: this.config.employer };
    this.socket.emit("user_uttered", body);
  }

  send(message, display) {
    this.state.activated = true;
    this.disableInteractive();
    this.addEntry({ who: "user", text: display });
    this.connect();
    if (this.confirmed && this.socket && this.socket.connected) this.emitMessage(message);
    else this.outbox.push(message);
    this.setTyping(true);
    clearTimeout(this.answerTimer);
    this.answerTimer = setTimeout(() => {
      this.setTyping(false);
      this.setAlert("L'assistant ne répond pas pour le moment (il redémarre peut-être). Réessayez dans un instant.");
    }, 45000);
  }

  // -- incoming ---------------------------------------------------------------------------
  receive(data) {
    if (!data || typeof data !== "object") return;
    clearTimeout(this.answerTimer);
    this.setAlert("");
    this.setTyping(false);
    const type = data.type;
    if (type === "ask") {
      this.addEntry({ who: "bot", ask: { field: data.field, input: data.input, choices: data.choices } });
    } else if (type === "aid_results") {
      this.addEntry({ who: "bot", results: { results: data.results } });
    } else if (type === "handoff") {
      const message = typeof data.message === "string" && data.message ? data.message : {
        queued: "Votre demande est transmise à un conseiller. Merci de patienter.",
        advisor_joined: "Un conseiller a rejoint la conversation.",
        closed: "Le conseiller a terminé l'échange. L'assistant reprend la conversation.",
      }[data.status] || "";
      this.state.handoff = data.status === "closed" ? "" : message;
      this.handoffStatus.textContent = message;
      const last = this.state.entries[this.state.entries.length - 1];
      // The same sentence often came just before as the bot's text: show it once.
      if (message && !(last && last.who === "bot" && last.text === message)) {
        this.addEntry({ who: "system", text: message });
      } else this.save();
    } else if (type === "privacy" && data.status === "erased") {
      this.erased(typeof data.message === "string" && data.message ? data.message : "Conversation effacée.");
    } else if (type === "advisor_message") {
      const text = typeof data.text === "string" ? data.text : "";
      const advisor = typeof data.advisor === "string" && data.advisor ? data.advisor : "Conseiller";
      const last = this.state.entries[this.state.entries.length - 1];
      if (last && last.who === "bot" && last.text === text && !last.replies) {
        this.state.entries.pop();
        this.log.lastElementChild && this.log.lastElementChild.remove();
      }
      this.addEntry({ who: "advisor", advisor, text });
    } else if (typeof data.text === "string") {
      const replies = Array.isArray(data.quick_replies)
        ? data.quick_replies.filter((r) => r && typeof r.title === "string")
          .map((r) => ({ title: r.title, payload: typeof r.payload === "string" ? r.payload : r.title }))
        : [];
      const entry = { who: "bot", text: data.text };
      if (replies.length) entry.replies = replies;
      this.addEntry(entry);
    }
  }

  addEntry(entry) {
    this.state.entries.push(entry);
    this.save();
    this.log.append(this.renderEntry(entry, true));
    this.scrollToEnd();
  }

  // -- rendering --------------------------------------------------------------------------
  renderAll() {
    this.log.replaceChildren();
    const entries = this.state.entries;
    let lastUser = -1;
    entries.forEach((entry, index) => { if (entry.who === "user") lastUser = index; });
    entries.forEach((entry, index) => this.log.append(this.renderEntry(entry, index > lastUser)));
    this.handoffStatus.textContent = this.state.handoff || "";
  }

  renderEntry(entry, interactive) {
    const id = `alw-m${++this.uid}`;
    if (entry.who === "user") {
      return el("div", { class: "alw-msg alw-user", id }, [
        el("p", { class: "alw-author", text: "Vous" }), el("p", { class: "alw-text", text: entry.text }),
      ]);
    }
    if (entry.who === "system") {
      return el("div", { class: "alw-msg alw-system", id }, [el("p", { class: "alw-text", text: entry.text })]);
    }
    if (entry.who === "advisor") {
      return el("div", { class: "alw-msg alw-advisor", id }, [
        el("p", { class: "alw-author" }, [String(entry.advisor), el("span", { class: "alw-role", text: " · conseil Action Logement" })]),
        el("p", { class: "alw-text" }, [richText(entry.text)]),
      ]);
    }
    if (entry.results) {
      return el("div", { class: "alw-msg alw-bot alw-wide", id }, [srOnly("Assistant : "), aidResults(entry.results)]);
    }
    if (entry.ask) {
      const node = el("div", {
        class: "alw-msg alw-ask-wrap", id,
        "data-field": typeof entry.ask.field === "string" ? entry.ask.field : null,
        "data-input": typeof entry.ask.input === "string" ? entry.ask.input : null,
      });
      if (interactive) {
        const control = this.renderAsk(entry.ask);
        if (control) node.append(control);
      }
      return node;
    }
    const node = el("div", { class: "alw-msg alw-bot", id }, [
      el("p", { class: "alw-author", text: "Assistant" }),
      el("p", { class: "alw-text" }, [richText(entry.text)]),
    ]);
    if (interactive && entry.replies && entry.replies.length) {
      node.append(this.buttons(entry.replies.map((r) => ({ label: r.title, message: r.payload })), id));
    }
    return node;
  }

  buttons(choices, describedBy) {
    const group = el("div", {
      class: "alw-replies alw-interactive", role: "group", "aria-label": "Réponses proposées",
      "aria-describedby": describedBy,
    });
    for (const choice of choices) {
      const button = el("button", { type: "button", class: "alw-reply", text: choice.label });
      button.addEventListener("click", () => {
        this.send(choice.message, choice.label);
        this.input.focus();
      });
      group.append(button);
    }
    return group;
  }

  renderAsk(ask) {
    const previous = this.log.lastElementChild;
    const describedBy = previous ? previous.id : undefined;
    const choices = Array.isArray(ask.choices) ? ask.choices.filter((c) => c && typeof c.label === "string") : [];
    if (ask.input === "choice" || ask.input === "boolean") {
      // The same choices already came as quick replies with the question: do not repeat them.
      const shown = previous && previous.querySelector(".alw-replies");
      if (shown) {
        if (ask.field) shown.setAttribute("data-field", String(ask.field));
        return null;
      }
      const list = choices.length ? choices : (ask.input === "boolean"
        ? [{ label: "Oui" }, { label: "Non" }] : []);
      if (!list.length) return null;
      const group = this.buttons(list.map((c) => ({ label: c.label, message: c.label })), describedBy);
      if (ask.field) group.setAttribute("data-field", String(ask.field));
      return group;
    }
    if (ask.input !== "number" && ask.input !== "date") return null;
    const inputId = `alw-ask${++this.uid}`;
    const field = el("input", {
      id: inputId, class: "alw-input", type: ask.input, required: true,
      ...(ask.input === "number" ? { inputmode: "decimal", min: "0", step: "any" } : {}),
      "aria-describedby": describedBy,
    });
    const form = el("form", {
      class: "alw-askform alw-interactive", novalidate: true, "data-field": ask.field ? String(ask.field) : null,
    }, [
      el("label", { for: inputId, class: "alw-label", text: ask.input === "date" ? "Votre réponse (date)" : "Votre réponse (nombre)" }),
      el("div", { class: "alw-row" }, [field, el("button", { type: "submit", class: "alw-send", text: "Valider" })]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = field.value.trim();
      if (!value) {
        field.focus();
        return;
      }
      const text = ask.input === "date" ? frenchDate(value) : value;
      this.send(text, text);
      this.input.focus();
    });
    return form;
  }

  disableInteractive() {
    // Earlier quick replies and inputs no longer match the conversation once the user answers.
    this.log.querySelectorAll(".alw-interactive").forEach((node) => node.remove());
  }

  setTyping(on) {
    window.clearTimeout(this.typingTimer);
    this.typing.textContent = on ? "L'assistant prépare sa réponse…" : "";
    if (on) this.typingTimer = window.setTimeout(() => this.setTyping(false), 30000);
  }

  setAlert(text) {
    if (this.alert.textContent !== text) this.alert.textContent = text;
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }
}

function start() {
  if (window.__assistantLogementLoaded) return;
  window.__assistantLogementLoaded = true;
  new AssistantWidget(readConfig(script)); // eslint-disable-line no-new
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
