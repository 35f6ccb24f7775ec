/**
 * The page's style and script, served from the preview itself: nothing is fetched from anywhere
 * else. The look follows Discord's dark theme, so a reply reads here as it will there.
 */

export const STYLE = `
:root { color-scheme: dark; --bg: #313338; --panel: #2b2d31; --embed: #2b2d31; --text: #dbdee1;
  --muted: #949ba4; --link: #00a8fc; --mark: #5865f233; --mark-edge: #5865f2; --problem: #f23f43;
  --ok: #23a55a; --draft: #f0b232; font: 15px/1.45 "gg sans", "Noto Sans", "DejaVu Sans", sans-serif; }
body { margin: 0; background: var(--bg); color: var(--text); }
header { position: sticky; top: 0; z-index: 1; background: #1e1f22; padding: 8px 20px; }
header h1 { font-size: 18px; margin: 0; display: inline-block; margin-right: 16px; }
header .status, header nav { display: inline-block; margin: 0 16px 0 0; color: var(--muted); }
header nav a { margin-right: 10px; }
main { padding: 0 20px 40px; max-width: 1100px; }
h2 { border-bottom: 1px solid #3f4147; padding-bottom: 4px; margin-top: 28px; }
section[id], article[id], li[id], .anchor { scroll-margin-top: 56px; }
a { color: var(--link); }
code { background: #1e1f22; padding: 0 3px; border-radius: 3px; font-size: 90%; }
.state { border-radius: 8px; padding: 1px 8px; color: #fff; font-weight: 600; }
.state.sound { background: var(--ok); } .state.refused { background: var(--problem); }
.none { color: var(--muted); }
.problems { padding-left: 22px; }
.problem { color: #fbd0d1; margin: 6px 0; }
.problem .where { font-family: monospace; font-weight: 700; color: #fff; }
.source-line { background: #1e1f22; padding: 4px 8px; margin: 4px 0; white-space: pre-wrap; color: var(--text); }
.source-line .number { color: var(--muted); }
#problems.has-problems { border-left: 4px solid var(--problem); padding-left: 12px; }
.report { background: var(--panel); border-radius: 8px; padding: 4px 16px 12px; margin: 14px 0; }
.report.draft { border: 2px dashed var(--draft); }
.badge { background: var(--draft); color: #000; border-radius: 4px; padding: 1px 6px; font-size: 13px; }
.review { color: var(--draft); }
.facts { color: var(--muted); margin-top: -8px; word-break: break-all; }
.report-text { white-space: pre-wrap; background: var(--bg); padding: 10px 14px; border-radius: 6px; }
a.quote { color: inherit; text-decoration: none; background: var(--mark); border-bottom: 2px solid var(--mark-edge); }
a.quote.several { background: #5865f266; }
a.quote:hover { background: #5865f299; }
.claims { padding-left: 22px; }
.claim { margin: 8px 0; padding: 4px 6px; border-radius: 4px; }
.claim:target, .anchor:target + a.quote { outline: 2px solid var(--draft); }
.claim .details { color: var(--muted); font-size: 13px; }
.claim .detail { margin-right: 10px; } .claim .detail .name { color: #b5bac1; font-weight: 600; }
.claim .not-found { color: var(--problem); }
.run input { background: #1e1f22; color: var(--text); border: 1px solid #4e5058; padding: 4px 6px; border-radius: 4px; }
.reply { margin: 18px 0; } .reply h3 { font-size: 14px; color: var(--muted); margin-bottom: 4px; }
.reply.asked { border-left: 4px solid var(--draft); padding-left: 10px; }
.message { padding: 4px 0 4px 0; max-width: 560px; }
.message.ephemeral { background: #5865f20d; }
.author { margin-bottom: 4px; } .bot-name { font-weight: 600; color: #fff; }
.app-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; border-radius: 3px; padding: 1px 4px; margin-left: 6px; vertical-align: 2px; }
.ephemeral-note { color: var(--muted); font-size: 12px; }
.embed { background: var(--embed); border-left: 4px solid #1e1f22; border-radius: 4px; padding: 8px 16px 12px 12px; margin: 4px 0; font-size: 14px; }
.embed-title { font-weight: 700; color: #f2f3f5; margin: 4px 0 6px; }
.embed-description { margin-bottom: 6px; }
.embed-fields { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px 12px; margin-top: 6px; }
.embed-field { grid-column: 1 / -1; } .embed-field.inline { grid-column: auto; }
.field-name { font-weight: 600; color: #f2f3f5; margin-bottom: 2px; }
.embed-picture { display: block; max-width: 100%; margin-top: 10px; border-radius: 4px; background: #fff; }
.embed-picture.missing { background: none; color: var(--problem); }
.embed-footer { color: var(--muted); font-size: 12px; margin-top: 8px; }
.line.blank { height: 0.6em; } .line.subtext { color: var(--muted); font-size: 12px; }
.line.quote { border-left: 4px solid #4e5058; padding-left: 8px; }
.line.item::before { content: "• "; } .line.h1 { font-size: 20px; font-weight: 700; }
.line.h2 { font-size: 17px; font-weight: 700; } .line.h3 { font-weight: 700; }
.action-row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { display: inline-block; border-radius: 3px; padding: 2px 16px; min-height: 28px; line-height: 28px; font-size: 14px; font-weight: 500; color: #fff; text-decoration: none; }
.button.primary { background: #5865f2; } .button.secondary { background: #4e5058; }
.button.success { background: #248046; } .button.danger { background: #da373c; }
.button.link { background: #4e5058; } .button:hover { filter: brightness(1.15); }
.menu { display: flex; gap: 6px; width: 100%; max-width: 400px; }
.menu select { flex: 1; background: #1e1f22; color: var(--text); border: 1px solid #1e1f22; border-radius: 4px; padding: 6px; }
.menu button, .run button { background: #4e5058; color: #fff; border: 0; border-radius: 3px; padding: 4px 12px; }
.alt-texts, .drawing { color: var(--muted); font-size: 12px; }
`;

/**
 * When what the page shows changes (the data saved, pictures drawn), the server says so (server-sent
 * events) and the page fetches itself again in place, keeping where the reader was.
 * A menu's choice runs as soon as it is made, as on Discord.
 */
export const SCRIPT = `
'use strict';
const events = new EventSource('/events');
events.addEventListener('view', async (event) => {
  if (event.data === document.body.dataset.view) return;
  const response = await fetch(location.href, { cache: 'no-store' });
  const next = new DOMParser().parseFromString(await response.text(), 'text/html');
  if (Number(next.body.dataset.view) < Number(document.body.dataset.view)) return;
  const y = window.scrollY;
  document.title = next.title;
  document.body.replaceWith(next.body);
  window.scrollTo(0, y);
});
document.addEventListener('change', (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.form && select.form.classList.contains('menu')) select.form.requestSubmit();
});
`;
