// sip-realtime-bridge operator console. Plain JavaScript, no build step, no third-party code.
// Every piece of call data is put on the page with textContent, never as HTML.
'use strict';

const HEADERS = { 'X-Requested-With': 'sipbridge-console' };
const live = new Map(); // call id -> { info, lines: Map(sequence -> line), order, card }
let historyCursor = null;
let currentCall = null;

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function toast(message) {
  const t = $('toast');
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function lineText(line) {
  const who = line.speaker === 'agent' ? 'Agent' : 'Caller';
  if (line.kind === 'keypress') return who + ' pressed ' + line.text;
  return who + ': ' + line.text + (line.interrupted ? ' [interrupted]' : '');
}

function lineItem(line) {
  const li = el('li', 'line ' + (line.speaker === 'agent' ? 'agent' : 'caller'), lineText(line));
  li.dataset.sequence = line.sequence;
  return li;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: 'same-origin', headers: HEADERS }, options));
  if (response.status === 401) {
    window.location.assign('/console');
    throw new Error('logged out');
  }
  return response;
}

async function errorOf(response) {
  try {
    const body = await response.json();
    return body.error ? body.error.message : response.statusText;
  } catch (e) {
    return response.statusText;
  }
}

// ---- actions -------------------------------------------------------------------------------

function confirmThen(text, then) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.onclose = () => { if (dialog.returnValue === 'ok') then(); };
  dialog.showModal();
}

function act(id, action) {
  const words = action === 'hangup' ? 'Hang up call ' + id + '?' : 'Transfer call ' + id + ' to a person?';
  confirmThen(words, async () => {
    const response = await api('/api/calls/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
    toast(response.ok ? (action === 'hangup' ? 'Hanging up ' : 'Transferring ') + id
      : 'Could not ' + action + ': ' + await errorOf(response));
  });
}

function actionButtons(id) {
  const box = el('div', 'actions');
  const hang = el('button', 'danger', 'Hang up');
  hang.type = 'button';
  hang.dataset.action = 'hangup';
  hang.addEventListener('click', () => act(id, 'hangup'));
  const transfer = el('button', '', 'Transfer');
  transfer.type = 'button';
  transfer.dataset.action = 'transfer';
  transfer.addEventListener('click', () => act(id, 'transfer'));
  box.append(hang, transfer);
  return box;
}

// ---- live calls ----------------------------------------------------------------------------

function liveCall(id) {
  let call = live.get(id);
  if (!call) {
    const card = el('article', 'card');
    card.dataset.call = id;
    const head = el('header');
    const link = el('a', 'call-id', id);
    link.href = '#/call/' + encodeURIComponent(id);
    head.append(link, el('span', 'parties', ''));
    const list = el('ol', 'transcript');
    card.append(head, list, actionButtons(id));
    call = { lines: new Map(), card, list };
    live.set(id, call);
    $('live-calls').prepend(card);
    updateLiveCount();
  }
  return call;
}

function updateLiveCount() {
  $('live-count').textContent = String(live.size);
  $('live-empty').hidden = live.size > 0;
}

function addLine(call, line) {
  if (call.lines.has(line.sequence)) return; // a replay after reconnecting
  call.lines.set(line.sequence, line);
  const item = lineItem(line);
  // Lines are kept in sequence; the call's end may reorder them (conversation order).
  const after = Array.from(call.list.children).find((li) => Number(li.dataset.sequence) > line.sequence);
  call.list.insertBefore(item, after || null);
}

const handlers = {
  started(e) {
    const call = liveCall(e.call);
    call.card.querySelector('.parties').textContent = ' ' + e.caller + ' → ' + e.called;
    refreshCurrent(e.call);
  },
  line(e) {
    addLine(liveCall(e.call), e);
    if (currentCall === e.call) appendCurrentLine(e);
  },
  tool(e) { refreshCurrent(e.call); },
  transfer(e) { refreshCurrent(e.call); },
  action(e) { refreshCurrent(e.call); },
  ended(e) {
    const call = live.get(e.call);
    if (call) {
      // Left in view for a moment, marked as ended, so watchers see how it ended.
      live.delete(e.call);
      updateLiveCount();
      call.card.classList.add('ended');
      call.card.querySelector('.actions').replaceWith(el('p', 'end-reason', 'Ended: ' + e.reason));
      setTimeout(() => call.card.remove(), 8000);
    }
    refreshCurrent(e.call);
  },
};

function appendCurrentLine(line) {
  const list = $('call-transcript');
  if (!list.querySelector('[data-sequence="' + Number(line.sequence) + '"]')) list.append(lineItem(line));
}

function refreshCurrent(id) {
  if (currentCall === id) {
    clearTimeout(refreshCurrent.timer);
    refreshCurrent.timer = setTimeout(() => showCall(id), 300);
  }
}

function connect() {
  const source = new EventSource('/api/events');
  const state = $('stream-state');
  source.onopen = () => { state.textContent = 'live'; state.className = 'state ok'; };
  source.onerror = () => {
    state.textContent = source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…';
    state.className = 'state bad';
    if (source.readyState === EventSource.CLOSED) setTimeout(() => window.location.assign('/console'), 3000);
  };
  Object.keys(handlers).forEach((name) => source.addEventListener(name, (message) => {
    handlers[name](JSON.parse(message.data));
  }));
  source.addEventListener('reset', () => {
    // Events were missed: start over from what the server replays now.
    live.forEach((call) => call.card.remove());
    live.clear();
    updateLiveCount();
  });
}

// ---- history -------------------------------------------------------------------------------

function historyQuery() {
  const params = new URLSearchParams();
  ['q', 'number', 'endReason', 'from', 'to'].forEach((name) => {
    const value = $(name).value.trim();
    if (value) params.set(name, value);
  });
  params.set('limit', '25');
  return params;
}

async function loadHistory(more) {
  const params = historyQuery();
  if (more && historyCursor) params.set('cursor', historyCursor);
  const response = await api('/api/calls?' + params.toString());
  const error = $('history-error');
  if (!response.ok) {
    error.textContent = await errorOf(response);
    error.hidden = false;
    return;
  }
  error.hidden = true;
  const page = await response.json();
  const body = $('history').tBodies[0];
  if (!more) body.textContent = '';
  page.calls.forEach((c) => {
    const row = el('tr');
    row.dataset.call = c.id;
    const when = el('td');
    const link = el('a', '', time(c.incomingAt));
    link.href = '#/call/' + encodeURIComponent(c.id);
    when.append(link);
    row.append(when, el('td', '', c.caller), el('td', '', c.called), el('td', '', c.lineCount),
      el('td', '', c.live ? 'live' : c.endReason));
    body.append(row);
  });
  historyCursor = page.nextCursor;
  $('more').hidden = !historyCursor;
  $('history-empty').hidden = body.rows.length > 0;
}

// ---- one call ------------------------------------------------------------------------------

function fact(list, term, value) {
  list.append(el('dt', '', term), el('dd', '', value));
}

function since(from, to) {
  return from && to ? ' (+' + (new Date(to) - new Date(from)) + ' ms)' : '';
}

async function showCall(id) {
  currentCall = id;
  const response = await api('/api/calls/' + encodeURIComponent(id));
  if (!response.ok) {
    $('call-title').textContent = 'Call ' + id + ': ' + await errorOf(response);
    return;
  }
  const c = await response.json();
  $('call-title').textContent = 'Call ' + c.id;
  $('call-actions').hidden = !c.live;
  $('say').hidden = !c.live;
  const facts = $('call-facts');
  facts.textContent = '';
  fact(facts, 'Caller', c.caller);
  fact(facts, 'Called', c.called);
  if (c.forwardedFrom) fact(facts, 'Forwarded from', c.forwardedFrom + (c.forwardingReason ? ' (' + c.forwardingReason + ')' : ''));
  fact(facts, 'Route', c.route);
  fact(facts, 'Came in', time(c.times.incomingAt));
  fact(facts, 'Accepted', time(c.times.acceptedAt) + since(c.times.incomingAt, c.times.acceptedAt));
  fact(facts, 'Socket open', time(c.times.socketOpenAt) + since(c.times.incomingAt, c.times.socketOpenAt));
  fact(facts, 'Ended', c.live ? 'live' : time(c.times.endedAt) + ' — ' + c.endReason);
  if (c.times.endedAt) fact(facts, 'Duration', Math.round((new Date(c.times.endedAt) - new Date(c.times.incomingAt)) / 1000) + ' s');
  const u = c.usage;
  fact(facts, 'Tokens', 'in ' + u.inputTextTokens + ' text + ' + u.inputAudioTokens + ' audio, out '
    + u.outputTextTokens + ' text + ' + u.outputAudioTokens + ' audio');
  fact(facts, 'Estimated cost', '$' + Number(u.estimatedCostUsd).toFixed(4));
  const transcript = $('call-transcript');
  transcript.textContent = '';
  c.lines.forEach((line) => transcript.append(lineItem(line)));
  const tools = $('call-tools');
  tools.textContent = '';
  c.tools.forEach((t) => tools.append(el('li', '', time(t.at) + ' ' + t.name + '(' + t.arguments + ') → '
    + t.outcome + ' in ' + t.tookMs + ' ms: ' + t.result)));
  if (!c.tools.length) tools.append(el('li', 'empty', 'none'));
  const transfers = $('call-transfers');
  transfers.textContent = '';
  c.transfers.forEach((t) => transfers.append(el('li', '', time(t.at) + ' ' + t.kind + ' transfer to ' + t.target + ': ' + t.outcome)));
  c.actions.forEach((a) => transfers.append(el('li', '', time(a.at) + ' operator: ' + a.action + (a.detail ? ' (' + a.detail + ')' : ''))));
  if (!c.transfers.length && !c.actions.length) transfers.append(el('li', 'empty', 'none'));
}

// ---- navigation ----------------------------------------------------------------------------

function route() {
  const hash = window.location.hash || '#/live';
  const callMatch = hash.match(/^#\/call\/(.+)$/);
  $('view-live').hidden = hash !== '#/live';
  $('view-history').hidden = hash !== '#/history';
  $('view-call').hidden = !callMatch;
  $('nav-live').classList.toggle('current', hash === '#/live');
  $('nav-history').classList.toggle('current', hash === '#/history');
  currentCall = null;
  if (callMatch) showCall(decodeURIComponent(callMatch[1]));
  if (hash === '#/history') loadHistory(false);
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (e) => { e.preventDefault(); loadHistory(false); });
  $('more').addEventListener('click', () => loadHistory(true));
  $('say').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!currentCall) return;
    const response = await api('/api/calls/' + encodeURIComponent(currentCall) + '/say', {
      method: 'POST',
      headers: Object.assign({ 'Content-Type': 'application/json' }, HEADERS),
      body: JSON.stringify({ instruction: $('say-text').value }),
    });
    if (response.ok) $('say-text').value = '';
    toast(response.ok ? 'Told the agent' : 'Could not tell the agent: ' + await errorOf(response));
  });
  document.querySelectorAll('#call-actions button').forEach((b) =>
    b.addEventListener('click', () => currentCall && act(currentCall, b.dataset.action)));
  window.addEventListener('hashchange', route);
  route();
  connect();
});
