// The widget's styles, injected once. Every selector is prefixed with .alw so the host page
// keeps its own look. Colours meet WCAG AA contrast (4.5:1 for text, 3:1 for focus and borders).
export const CSS = `
.alw, .alw * { box-sizing: border-box; }
.alw { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; }
.alw .alw-sr { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.alw button, .alw input { font: inherit; }
.alw :focus-visible { outline: 3px solid #b34000; outline-offset: 2px; }
.alw .alw-launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: .5em; padding: .7em 1.1em; border: 2px solid #fff;
  border-radius: 2em; background: #1d3c8f; color: #fff; font-weight: 600; cursor: pointer;
  box-shadow: 0 2px 10px rgba(0,0,0,.35); max-width: calc(100vw - 32px); }
.alw .alw-launcher:hover { background: #152c6b; }
.alw .alw-launcher:focus-visible { outline: 3px solid #b34000; outline-offset: 3px; }
.alw .alw-panel { position: fixed; right: 16px; bottom: 80px; z-index: 2147483001;
  width: min(420px, calc(100vw - 32px)); height: min(640px, calc(100vh - 100px));
  display: flex; flex-direction: column; background: #fff; border: 1px solid #6a6a6a;
  border-radius: 10px; box-shadow: 0 6px 28px rgba(0,0,0,.3); overflow: hidden; overflow: clip; }
.alw .alw-panel[hidden] { display: none; }
.alw .alw-header { display: flex; align-items: flex-start; gap: .4em; padding: .5em .6em .5em .9em;
  background: #1d3c8f; color: #fff; flex-wrap: wrap; }
.alw .alw-heading { flex: 1 1 8em; min-width: 0; }
.alw .alw-title { margin: 0; font-size: 1.1em; line-height: 1.3; color: #fff; }
.alw .alw-subtitle { margin: 0; font-size: .85em; color: #fff; }
.alw .alw-header button { font-size: .85em; background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px;
  padding: .2em .5em; cursor: pointer; }
.alw .alw-header button:hover { background: #152c6b; }
.alw .alw-header :focus-visible { outline: 3px solid #fff; outline-offset: 1px; box-shadow: 0 0 0 5px #b34000; }
.alw .alw-header .alw-close { font-size: 1.3em; line-height: 1; padding: .1em .45em !important; }
.alw .alw-notice { margin: 0; padding: .45em .9em; font-size: .85em; background: #f3f4f8; color: #3a3a3a;
  border-bottom: 1px solid #d5d5d5; }
.alw .alw-log { flex: 1 1 auto; min-height: 5em; overflow-y: auto; overflow-x: hidden; padding: .6em .8em;
  display: flex; flex-direction: column; gap: .55em; background: #fff; }
.alw .alw-log:focus-visible { outline-offset: -3px; }
.alw .alw-msg { max-width: 92%; overflow-wrap: anywhere; }
.alw .alw-msg p { margin: 0; }
.alw .alw-author { font-size: .78em; font-weight: 600; color: #4a4a4a; }
.alw .alw-text { white-space: pre-line; padding: .45em .7em; border-radius: 10px; }
.alw .alw-bot .alw-text { background: #eef1f8; }
.alw .alw-user { align-self: flex-end; text-align: right; }
.alw .alw-user .alw-text { background: #1d3c8f; color: #fff; text-align: left; }
.alw .alw-advisor .alw-text { background: #fdf1e8; border-left: 4px solid #b34000; }
.alw .alw-role { font-weight: 400; }
.alw .alw-system { align-self: center; max-width: 100%; font-size: .88em; color: #3a3a3a; font-style: italic; text-align: center; }
.alw .alw-wide, .alw .alw-ask-wrap { max-width: 100%; width: 100%; }
.alw .alw-ask-wrap:empty { display: none; }
.alw .alw-text a, .alw .alw-card a { color: #1d3c8f; text-decoration: underline; }
.alw .alw-user .alw-text a { color: #fff; }
.alw .alw-replies { display: flex; flex-wrap: wrap; gap: .4em; margin-top: .45em; }
.alw .alw-reply { background: #fff; color: #1d3c8f; border: 2px solid #1d3c8f; border-radius: 1.2em;
  padding: .3em .85em; cursor: pointer; text-align: left; }
.alw .alw-reply:hover { background: #e3e8f6; }
.alw .alw-typing, .alw .alw-handoff, .alw .alw-alert { margin: 0; padding: 0 .9em; font-size: .88em; }
.alw .alw-typing:not(:empty), .alw .alw-handoff:not(:empty) { padding: .3em .9em; color: #3a3a3a; }
.alw .alw-handoff:not(:empty) { background: #fdf1e8; color: #6e2800; font-weight: 600; }
.alw .alw-alert:not(:empty) { padding: .4em .9em; background: #fde8e8; color: #8c0000; font-weight: 600; }
.alw .alw-form, .alw .alw-askform { padding: .5em .8em .7em; border-top: 1px solid #d5d5d5; background: #fff; }
.alw .alw-askform { border: 1px solid #b5b5b5; border-radius: 8px; margin-top: .2em; padding: .5em .6em; }
.alw .alw-label { display: block; font-size: .88em; font-weight: 600; margin-bottom: .2em; color: #1b1b1b; }
.alw .alw-row { display: flex; gap: .4em; }
.alw .alw-input { flex: 1 1 auto; min-width: 0; padding: .45em .6em; border: 1px solid #6a6a6a; border-radius: 6px;
  background: #fff; color: #1b1b1b; }
.alw .alw-input::placeholder { color: #595959; opacity: 1; }
.alw .alw-send { flex: 0 0 auto; padding: .45em .9em; border: 0; border-radius: 6px; background: #1d3c8f;
  color: #fff; font-weight: 600; cursor: pointer; }
.alw .alw-send:hover { background: #152c6b; }
.alw .alw-results { display: flex; flex-direction: column; gap: .5em; }
.alw .alw-results-title { font-weight: 700; }
.alw .alw-card { border: 1px solid #8a8a8a; border-left: 6px solid #18753c; border-radius: 8px; padding: .55em .75em;
  background: #fff; }
.alw .alw-card-to_confirm { border: 2px dashed #8d5300; border-left: 6px solid #8d5300; background: #fffaf2; }
.alw .alw-card-need_info { border-left-color: #3a55a8; }
.alw .alw-card-ineligible, .alw .alw-card-ended { border-left-color: #6a6a6a; background: #f6f6f6; }
.alw .alw-card-title { margin: 0 0 .2em; font-size: 1em; }
.alw .alw-badge { display: inline-block; font-size: .8em; font-weight: 700; padding: .1em .55em; border-radius: 1em;
  border: 1px solid currentColor; }
.alw .alw-badge-eligible { background: #e6f4ea; color: #14532d; }
.alw .alw-badge-to_confirm { background: #fff1dc; color: #6b3d00; }
.alw .alw-badge-need_info { background: #e8edfa; color: #233a80; }
.alw .alw-badge-ineligible, .alw .alw-badge-ended { background: #ececec; color: #3a3a3a; }
.alw .alw-amount { font-weight: 700; margin: .3em 0 0 !important; }
.alw .alw-card-sub { font-weight: 600; font-size: .88em; margin-top: .35em !important; }
.alw .alw-card ul { margin: .1em 0 0; padding-left: 1.2em; font-size: .92em; }
.alw .alw-apply { margin-top: .45em !important; }
.alw .alw-apply-link { font-weight: 700; }
.alw .alw-others summary { cursor: pointer; color: #1d3c8f; text-decoration: underline; padding: .2em 0; }
.alw .alw-others[open] { display: flex; flex-direction: column; gap: .5em; }
@media (max-width: 480px), (max-height: 480px) {
  .alw .alw-panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; border: 0; }
  .alw.alw-is-open .alw-launcher { display: none; }
  .alw .alw-notice { font-size: .8em; }
}
@media (max-height: 300px) {
  .alw .alw-notice { display: none; }
}
`;
