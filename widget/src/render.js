// Safe DOM builders for the assistant's messages. Bot text is never parsed as HTML: every
// string goes through textContent, and only http(s) URLs become links.

export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function srOnly(text) {
  return el("span", { class: "alw-sr", text });
}

/** The URL itself when it is an absolute http(s) URL, else null (no javascript:, data:...). */
export function safeUrl(value) {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (error) {
    return null;
  }
}

function link(label, href) {
  return el("a", { href, target: "_blank", rel: "noopener noreferrer" },
    [label, srOnly(" (nouvelle fenêtre)")]);
}

// [label](url) markdown links and bare http(s) URLs; anything else stays plain text.
const LINKS = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)|(https?:\/\/[^\s<>"')\]]+)/gi;

/** A fragment showing `text` as plain text, with http(s) links only. */
export function richText(text) {
  const fragment = document.createDocumentFragment();
  const source = String(text ?? "");
  let last = 0;
  for (const match of source.matchAll(LINKS)) {
    fragment.append(document.createTextNode(source.slice(last, match.index)));
    if (match[1] !== undefined) {
      const href = safeUrl(match[2]);
      fragment.append(href ? link(match[1], href) : document.createTextNode(match[1]));
    } else {
      // A sentence's final punctuation is not part of the address.
      const [, address, trailing] = /^(.*?)([.,;:!?]*)$/.exec(match[3]);
      const href = safeUrl(address);
      fragment.append(href ? link(address, href) : document.createTextNode(address), trailing);
    }
    last = match.index + match[0].length;
  }
  fragment.append(document.createTextNode(source.slice(last)));
  return fragment;
}

export const STATUS_LABELS = {
  eligible: "Éligible",
  to_confirm: "À confirmer",
  ineligible: "Non éligible",
  need_info: "Informations manquantes",
  ended: "Terminée",
};

const STATUS_ORDER = { eligible: 0, to_confirm: 1, need_info: 2, ineligible: 3, ended: 4 };

function list(title, items, className) {
  const values = (Array.isArray(items) ? items : []).filter((item) => typeof item === "string" && item);
  if (!values.length) return null;
  return el("div", { class: className }, [
    el("p", { class: "alw-card-sub", text: title }),
    el("ul", {}, values.map((item) => el("li", {}, [richText(item)]))),
  ]);
}

function card(result, headingLevel) {
  const status = STATUS_LABELS[result.status] ? result.status : "need_info";
  const name = String(result.name || result.id || "Aide");
  const amount = result.amount && typeof result.amount === "object" ? result.amount.text : null;
  const href = safeUrl(result.apply_url);
  const badge = el("span", { class: `alw-badge alw-badge-${status}` }, [
    srOnly("Statut : "), STATUS_LABELS[status],
  ]);
  return el("article", { class: `alw-card alw-card-${status}`, "data-status": status }, [
    el(`h${headingLevel}`, { class: "alw-card-title", text: name }),
    badge,
    amount ? el("p", { class: "alw-amount" }, [srOnly("Montant : "), String(amount)]) : null,
    list("Pourquoi", result.reasons, "alw-reasons"),
    list(status === "to_confirm" ? "À vérifier" : "Conditions", result.conditions, "alw-conditions"),
    status === "eligible" || status === "to_confirm"
      ? (href ? el("p", { class: "alw-apply" }, [el("a", {
        href, target: "_blank", rel: "noopener noreferrer", class: "alw-apply-link",
      }, ["Faire ma demande", srOnly(` : ${name} (nouvelle fenêtre)`)])]) : null)
      : null,
  ]);
}

/** Cards for an eligibility result: eligible and to-confirm first, the others folded away. */
export function aidResults(payload) {
  const results = (Array.isArray(payload.results) ? payload.results : [])
    .filter((item) => item && typeof item === "object")
    .slice()
    .sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9));
  const main = results.filter((r) => r.status === "eligible" || r.status === "to_confirm");
  const others = results.filter((r) => !(r.status === "eligible" || r.status === "to_confirm"));
  const eligibleCount = main.filter((r) => r.status === "eligible").length;
  const summary = main.length
    ? `${eligibleCount} aide${eligibleCount > 1 ? "s" : ""} accessible${eligibleCount > 1 ? "s" : ""}`
      + (main.length > eligibleCount ? `, ${main.length - eligibleCount} à confirmer` : "")
    : "Aucune aide accessible avec ces informations";
  const section = el("section", { class: "alw-results", "aria-label": "Résultat : vos aides" }, [
    el("p", { class: "alw-results-title", text: summary }),
    ...main.map((r) => card(r, 3)),
  ]);
  if (others.length) {
    section.append(el("details", { class: "alw-others" }, [
      el("summary", { text: `Autres aides (${others.length}) : non accessibles ou à compléter` }),
      ...others.map((r) => card(r, 4)),
    ]));
  }
  return section;
}
