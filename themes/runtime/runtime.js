/*
 * diapo deck runtime: plain ES2017, no dependencies, no network access.
 * It drives the DOM written by the diapo HTML renderer:
 *   div.reveal > div.slides > section (one per slide, 1280×720 logical pixels), each with optional
 *   header/footer, elements with class "fragment", and aside.notes (never shown in the main view);
 *   script#diapo-strings holds every word the runtime shows (the deck's language).
 * Only window.diapo leaks out (a small API for tests and for the curious).
 * Note for the renderer: this file never contains a less-than sign followed by a slash, so it can
 * be inlined in a script element as is.
 */
(function () {
  'use strict';

  // ── 1. Bootstrapping ───────────────────────────────────────────────────────────────────
  // Why: the script may be inlined twice or run on a page that is not a deck; do nothing then.
  var W = 1280, H = 720;
  var root = document.querySelector('.reveal');
  var stage = root && root.querySelector('.slides');
  var slides = stage ? Array.prototype.filter.call(stage.children, function (el) { return el.tagName === 'SECTION'; }) : [];
  if (!slides.length || window.diapo) return;
  var total = slides.length;
  // Fragments in document order; anything inside the notes is not part of the slide.
  var fragmentsOf = slides.map(function (s) {
    return Array.prototype.filter.call(s.querySelectorAll('.fragment'), function (f) { return !f.closest('.notes'); });
  });
  var durationMin = parseFloat(root.getAttribute('data-duration-minutes')) || 0;

  // ── 2. Strings ─────────────────────────────────────────────────────────────────────────
  // Why: decks are French by default, English possible; the renderer owns the words. English
  // fallbacks only cover a missing JSON block or a key an older renderer does not write yet.
  var EN = {
    slide: 'Slide', of: 'of', notes: 'Notes', facilitator: 'Facilitation tips', next: 'Next',
    end: 'End of the presentation', elapsed: 'Elapsed', remaining: 'Remaining', ahead: 'ahead',
    behind: 'behind', on_time: 'on time', presenter: 'Presenter view', overview: 'Overview',
    help: 'Keyboard shortcuts', minutes: 'min', start: 'Start', pause: 'Pause', reset: 'Reset',
    close: 'Close', no_notes: 'No notes for this slide.',
    popup_blocked: 'The presenter view was blocked: allow pop-up windows for this file, then press P again.',
    help_next: 'Next item or slide', help_prev: 'Previous item or slide',
    help_first_last: 'First / last slide', help_goto: 'Go to slide number…',
    help_fullscreen: 'Full screen', help_help: 'Show / hide this help',
    key_space: 'Space', key_enter: 'Enter', key_esc: 'Esc', key_home: 'Home', key_end: 'End',
    key_pgup: 'PgUp', key_pgdn: 'PgDn', key_backspace: 'Backspace'
  };
  var strings = Object.assign({}, EN);
  try {
    var json = document.getElementById('diapo-strings');
    if (json) Object.assign(strings, JSON.parse(json.textContent));
  } catch (e) { /* malformed JSON: keep the fallbacks rather than break the deck */ }
  function t(key) { return String(strings[key] == null ? '' : strings[key]); }
  function labelFor(i) {
    return t('slide') + ' ' + (slides[i].getAttribute('aria-label') || (i + 1) + ' ' + t('of') + ' ' + total);
  }

  // ── 3. Small DOM helpers ───────────────────────────────────────────────────────────────
  // Why: the presenter window is a second document; every element is created in the right one.
  function el(doc, tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v == null || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(function (c) { if (c != null) node.append(c); });
    return node;
  }
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }
  var mainClasses = root.className.split(/\s+/).filter(function (c) { return c && c.indexOf('diapo-') !== 0; }).join(' ');

  // A slide copy for the overview and the presenter: same theme selectors (.reveal .slides > section),
  // no ids (no duplicates), no notes, inert, scaled by the --diapo-thumb-scale custom property.
  // mode: 'all' shows every fragment, 'none' none, 'live' keeps the current state.
  function thumb(doc, i, mode) {
    var copy = slides[i].cloneNode(true);
    copy.removeAttribute('id');
    Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (n) { n.removeAttribute('id'); });
    Array.prototype.forEach.call(copy.querySelectorAll('.notes'), function (n) { n.remove(); });
    Array.prototype.forEach.call(copy.querySelectorAll('video[autoplay], audio[autoplay]'), function (m) { m.removeAttribute('autoplay'); });
    copy.classList.remove('past', 'future', 'diapo-leaving');
    copy.classList.add('present');
    if (mode !== 'live') {
      Array.prototype.forEach.call(copy.querySelectorAll('.fragment'), function (f) {
        f.classList.toggle('visible', mode === 'all');
        f.classList.remove('current-fragment');
      });
    }
    var deck = el(doc, 'div', { class: mainClasses + ' diapo-clone', 'aria-hidden': 'true', inert: true },
      [el(doc, 'div', { class: 'slides' }, [copy])]);
    return el(doc, 'div', { class: 'diapo-thumb' }, [deck]);
  }

  // ── 4. Chrome: progress bar, counter, live region ──────────────────────────────────────
  // Why: the chrome is a sibling of .slides scaled the same way, so it sits at the same place on
  // the slide at any window size (themes can keep the bottom-right corner free for the counter).
  var bar = el(document, 'span');
  var counter = el(document, 'div', { class: 'diapo-counter' });
  var chrome = el(document, 'div', { class: 'diapo-chrome', 'aria-hidden': 'true' },
    [el(document, 'div', { class: 'diapo-progress' }, [bar]), counter]);
  var live = el(document, 'div', { class: 'diapo-sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
  var toastBox = el(document, 'div', { class: 'diapo-toast', role: 'status', hidden: true });
  root.append(chrome, live);
  document.body.append(toastBox);
  function announce(text) { live.textContent = text; }
  var toastTimer = 0;
  function toast(text) {
    toastBox.textContent = text;
    toastBox.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toastBox.hidden = true; }, 6000);
  }

  // The chrome is outside the slides, so theme rules for a layout do not reach it: give it the
  // slide's text colour, and if the bar would vanish on the slide's background (a blue section
  // slide under a blue bar), paint it in that text colour too.
  function rgb(c) {
    var m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(c);
    return m && (m[4] == null || +m[4] > 0.5) ? [+m[1], +m[2], +m[3]] : null;
  }
  function luminance(c) {
    return c.reduce(function (sum, v, i) {
      v /= 255;
      return sum + [0.2126, 0.7152, 0.0722][i] * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    }, 0);
  }
  function adaptChrome(s) {
    var cs = getComputedStyle(s);
    root.style.setProperty('--diapo-slide-fg', cs.color);
    bar.style.removeProperty('background');
    var a = rgb(getComputedStyle(bar).backgroundColor), b = rgb(cs.backgroundColor);
    if (!a || !b) return;
    var la = luminance(a), lb = luminance(b);
    if ((Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05) < 1.5) bar.style.background = cs.color;
  }

  // ── 5. Scaling ─────────────────────────────────────────────────────────────────────────
  // Why: slides are authored at 1280×720; one uniform scale keeps text and layout identical on a
  // projector, a laptop or a phone, letterboxed and centred (CSS does the centring).
  function layout() {
    var scale = Math.min((root.clientWidth || window.innerWidth) / W, (root.clientHeight || window.innerHeight) / H);
    root.style.setProperty('--diapo-scale', String(scale > 0 ? scale : 1));
  }

  // ── 6. Navigation core ─────────────────────────────────────────────────────────────────
  // Why: one function owns the state (slide index, number of fragments shown) and everything that
  // reflects it, so keys, hash, touch, overview, presenter and the API cannot drift apart.
  var cur = -1, shown = 0;
  function go(index, fragments, why) {
    index = clamp(Math.floor(Number(index)) || 0, 0, total - 1);
    var count = fragmentsOf[index].length;
    var f = fragments == null ? 0 : fragments === Infinity ? count : clamp(Math.floor(Number(fragments)) || 0, 0, count);
    if (index === cur && f === shown) return;
    var changed = index !== cur;
    if (changed) {
      var active = document.activeElement;
      if (cur >= 0) fragmentsOf[cur].forEach(function (x) { x.classList.remove('current-fragment'); });
      slides.forEach(function (s, i) {
        s.classList.toggle('diapo-leaving', i === cur);
        s.classList.toggle('present', i === index);
        s.classList.toggle('past', i < index);
        s.classList.toggle('future', i > index);
      });
      // Focus inside the slide that just went away would be lost: keep it on the deck.
      if (cur >= 0 && active && slides[cur].contains(active)) root.focus({ preventScroll: true });
    }
    fragmentsOf[index].forEach(function (x, i) {
      x.classList.toggle('visible', i < f);
      x.classList.toggle('current-fragment', i === f - 1);
    });
    cur = index;
    shown = f;
    var s = slides[index];
    counter.textContent = (index + 1) + ' / ' + total;
    counter.hidden = s.getAttribute('data-paginate') === 'false';
    bar.style.transform = 'scaleX(' + (total > 1 ? index / (total - 1) : 1) + ')';
    root.setAttribute('data-current-layout', s.getAttribute('data-layout') || '');
    if (changed) adaptChrome(s);
    if (changed && why !== 'init') announce(labelFor(index));
    if (why !== 'init' && timer.armed && presenterAlive() && (index > 0 || f > 0)) timerStart();
    writeHash();
    updatePresenter();
  }
  function next() {
    if (shown < fragmentsOf[cur].length) go(cur, shown + 1, 'user');
    else if (cur < total - 1) go(cur + 1, 0, 'user');
    else announce(t('end'));
  }
  function prev() {
    if (shown > 0) go(cur, shown - 1, 'user');
    else if (cur > 0) go(cur - 1, Infinity, 'user'); // back onto a slide: all its fragments shown
  }

  // ── 7. Deep links ──────────────────────────────────────────────────────────────────────
  // Why: "#/N" (1-based) and "#/N/F" (F fragments shown) survive a reload and can be shared;
  // replaceState works from file:// and does not fill the history. "#some-id" (agenda links,
  // "#slide-7") goes to the slide holding that element.
  function readHash() {
    var h = location.hash;
    var m = /^#\/(\d+)(?:\/(\d+))?\/?$/.exec(h);
    if (m) return [parseInt(m[1], 10) - 1, m[2] ? parseInt(m[2], 10) : 0];
    var target = null;
    try { target = h.length > 1 ? document.getElementById(decodeURIComponent(h.slice(1))) : null; } catch (e) { target = null; }
    for (var i = 0; target && i < total; i++) if (slides[i].contains(target)) return [i, 0];
    return null;
  }
  function writeHash() {
    var h = '#/' + (cur + 1) + (shown > 0 ? '/' + shown : '');
    if (location.hash === h) return;
    try { history.replaceState(history.state, '', h); } catch (e) { /* sandboxed frame: not fatal */ }
  }
  window.addEventListener('hashchange', function () {
    var r = readHash();
    if (r) go(r[0], r[1], 'user');
  });

  // ── 8. Keyboard ────────────────────────────────────────────────────────────────────────
  // Why: presentation clickers send PgUp/PgDn or arrows; trainers use the keyboard. Keys with
  // Ctrl/Alt/Meta stay the browser's (Ctrl+P prints). Space/Enter on a focused link or button
  // activate it; typing in a form field is never hijacked. The presenter window sends its keys here.
  var digits = '', digitsTimer = 0;
  function onKey(e, fromPresenter) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey) return;
    var target = e.target && e.target.nodeType === 1 ? e.target : null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var onControl = target && target.closest('a[href], button, summary, [role="button"]');
    var k = e.key;
    if (!fromPresenter && overlayOpen && overlayOpen === overview) return overviewKey(e);
    if (!fromPresenter && overlayOpen && overlayOpen === help) {
      if (k === 'Escape' || k === '?' || k === 'h' || k === 'H') { e.preventDefault(); closeOverlay(); }
      return;
    }
    if ((k === ' ' || k === 'Enter') && onControl) return;
    if ((k === 'ArrowUp' || k === 'ArrowDown') && target && target.closest('.diapo-p-notes-body')) return;
    if (/^\d$/.test(k)) { // by character, not physical key: on some layouts "?" is Shift+6
      digits = (digits + k).slice(-4);
      clearTimeout(digitsTimer);
      digitsTimer = setTimeout(function () { digits = ''; }, 2000);
      e.preventDefault();
      return;
    }
    var handled = true;
    switch (k) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case 'n': case 'N': next(); break;
      case ' ': if (e.shiftKey) prev(); else next(); break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace': prev(); break;
      case 'Home': go(0, 0, 'user'); break;
      case 'End': go(total - 1, 0, 'user'); break;
      case 'Enter': if (digits) go(parseInt(digits, 10) - 1, 0, 'user'); else handled = false; break;
      case 'o': case 'O': if (fromPresenter) handled = false; else openOverview(); break;
      case 'f': case 'F': if (fromPresenter) handled = false; else toggleFullscreen(); break;
      case '?': case 'h': case 'H': if (fromPresenter) handled = false; else openHelp(); break;
      case 'p': case 'P': if (fromPresenter) handled = false; else openPresenter(); break;
      default: handled = false;
    }
    digits = '';
    if (handled) e.preventDefault();
  }
  document.addEventListener('keydown', function (e) { onKey(e, false); });

  // ── 9. Touch ───────────────────────────────────────────────────────────────────────────
  // Why: phones and tablets have no keyboard. A clear horizontal swipe navigates; pinch-zoom and
  // panning a zoomed page do not. A tap does nothing (clicks focus the window, they never navigate).
  var touch = null;
  root.addEventListener('touchstart', function (e) {
    touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
  }, { passive: true });
  root.addEventListener('touchend', function (e) {
    if (!touch || e.changedTouches.length !== 1) return;
    var dx = e.changedTouches[0].clientX - touch.x, dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    if (window.visualViewport && window.visualViewport.scale > 1.01) return;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) { if (dx < 0) next(); else prev(); }
  }, { passive: true });

  // ── 10. Overlays: overview grid and help ───────────────────────────────────────────────
  // Why: modal dialogs built lazily; the deck behind is made inert so Tab stays inside; focus
  // goes back where it was (or nowhere, so no focus ring appears on the projected deck).
  var overview = null, help = null, overlayOpen = null, focusBefore = null;
  function showOverlay(dialog, focusTarget) {
    if (overlayOpen) closeOverlay();
    focusBefore = document.activeElement !== document.body ? document.activeElement : null;
    overlayOpen = dialog;
    dialog.hidden = false;
    root.setAttribute('inert', '');
    root.setAttribute('aria-hidden', 'true');
    focusTarget.focus();
  }
  function closeOverlay() {
    if (!overlayOpen) return;
    var hadFocus = overlayOpen.contains(document.activeElement);
    overlayOpen.hidden = true;
    overlayOpen = null;
    root.removeAttribute('inert');
    root.removeAttribute('aria-hidden');
    if (focusBefore && document.contains(focusBefore)) focusBefore.focus({ preventScroll: true });
    else if (hadFocus && document.activeElement && document.activeElement.blur) document.activeElement.blur();
    focusBefore = null;
  }
  function dialog(cls, label) {
    var d = el(document, 'div', { class: 'diapo-overlay ' + cls, role: 'dialog', 'aria-modal': 'true', 'aria-label': label, hidden: true });
    d.addEventListener('click', function (e) { if (e.target === d) closeOverlay(); });
    document.body.append(d);
    return d;
  }

  function openOverview() {
    if (!overview) {
      overview = dialog('diapo-overview', t('overview'));
      var list = el(document, 'ol', { class: 'diapo-grid' });
      // The button holds only the visible number (its name must contain its visible text); the
      // slide copy follows it, shown above it by CSS, and the button's ::after covers the card.
      slides.forEach(function (s, i) {
        var b = el(document, 'button', { type: 'button', class: 'diapo-grid-item', 'aria-label': labelFor(i) },
          [el(document, 'span', { class: 'diapo-grid-num', text: String(i + 1) })]);
        b.addEventListener('click', function () { closeOverlay(); go(i, 0, 'user'); });
        list.append(el(document, 'li', {}, [b, thumb(document, i, 'all')]));
      });
      // A heading too: screen reader users move by headings, and the deck behind is hidden.
      overview.append(el(document, 'h2', { class: 'diapo-sr-only', text: t('overview') }), list);
    }
    var items = overview.querySelectorAll('.diapo-grid-item');
    Array.prototype.forEach.call(items, function (b, i) {
      if (i === cur) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    });
    showOverlay(overview, items[cur]);
    items[cur].parentNode.scrollIntoView({ block: 'nearest' });
  }
  function overviewKey(e) {
    var items = Array.prototype.slice.call(overview.querySelectorAll('.diapo-grid-item'));
    var i = items.indexOf(document.activeElement);
    if (i < 0) i = cur;
    var top = function (n) { return Math.round(items[n].getBoundingClientRect().top); };
    var cols = 1;
    while (cols < items.length && top(cols) === top(0)) cols++;
    switch (e.key) {
      case 'ArrowRight': i++; break;
      case 'ArrowLeft': i--; break;
      case 'ArrowDown': i += cols; break;
      case 'ArrowUp': i -= cols; break;
      case 'Home': i = 0; break;
      case 'End': i = items.length - 1; break;
      case 'Escape': case 'o': case 'O': e.preventDefault(); closeOverlay(); return;
      case 'Enter': case ' ':
        if (items.indexOf(document.activeElement) >= 0) return; // the button's own activation
        e.preventDefault(); items[i].click(); return;
      default: return;
    }
    e.preventDefault();
    i = clamp(i, 0, items.length - 1);
    items[i].focus();
    items[i].parentNode.scrollIntoView({ block: 'nearest' });
  }

  function openHelp() {
    if (!help) {
      help = dialog('diapo-help', t('help'));
      var rows = [
        [['→', '↓', 'key_space', 'key_pgdn', 'N'], 'help_next'],
        [['←', '↑', 'key_pgup', 'key_backspace'], 'help_prev'],
        [['key_home', 'key_end'], 'help_first_last'],
        [['1…9', '+', 'key_enter'], 'help_goto'],
        [['O'], 'overview'],
        [['P'], 'presenter'],
        [['F'], 'help_fullscreen'],
        [['?', 'H'], 'help_help'],
        [['key_esc'], 'close']
      ];
      var table = el(document, 'table', {}, rows.map(function (r) {
        return el(document, 'tr', {}, [
          el(document, 'th', { scope: 'row' }, r[0].map(function (k) {
            return k === '+' ? ' + ' : el(document, 'kbd', { text: k.indexOf('key_') === 0 ? t(k) : k });
          })),
          el(document, 'td', { text: t(r[1]) })
        ]);
      }));
      var close = el(document, 'button', { type: 'button', class: 'diapo-help-close', text: t('close') });
      close.addEventListener('click', closeOverlay);
      help.append(el(document, 'div', { class: 'diapo-help-panel' },
        [el(document, 'h2', { text: t('help') }), table, close]));
    }
    showOverlay(help, help.querySelector('.diapo-help-close'));
  }

  // ── 11. Fullscreen ─────────────────────────────────────────────────────────────────────
  // Why: F is the projector habit; refusals (iframe, headless) must not reach the console.
  function toggleFullscreen() {
    var d = document, p;
    if (d.fullscreenElement) p = d.exitFullscreen && d.exitFullscreen();
    else p = d.documentElement.requestFullscreen && d.documentElement.requestFullscreen();
    if (p && p.catch) p.catch(function () {});
  }

  // ── 12. Timer and pacing ───────────────────────────────────────────────────────────────
  // Why: the trainer has 30 minutes. With the presenter open, the timer starts with the first move
  // past the title (or with Start); Reset re-arms it. It lives in this window, not the presenter's,
  // and survives an accidental reload of the deck (sessionStorage).
  var TIMER_KEY = 'diapo-timer:' + location.pathname;
  var timer = { acc: 0, since: 0, running: false, armed: true };
  try { Object.assign(timer, JSON.parse(sessionStorage.getItem(TIMER_KEY) || '{}')); } catch (e) { /* no storage */ }
  function saveTimer() { try { sessionStorage.setItem(TIMER_KEY, JSON.stringify(timer)); } catch (e) { /* no storage */ } }
  function elapsedMs() { return timer.acc + (timer.running ? Date.now() - timer.since : 0); }
  function timerStart() {
    if (!timer.running) { timer.since = Date.now(); timer.running = true; }
    timer.armed = false;
    saveTimer(); tick();
  }
  function timerPause() {
    if (timer.running) { timer.acc = elapsedMs(); timer.running = false; }
    timer.armed = false;
    saveTimer(); tick();
  }
  function timerReset() { timer.acc = 0; timer.since = 0; timer.running = false; timer.armed = true; saveTimer(); tick(); }
  function clock(ms) {
    var neg = ms < 0, s = Math.floor(Math.abs(ms) / 1000), hh = Math.floor(s / 3600), mm = Math.floor(s / 60) % 60, ss = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (neg ? '−' : '') + (hh ? hh + ':' + two(mm) : two(mm)) + ':' + two(ss);
  }
  // Expected time at this slide = duration × (slide − 1) / (total − 1); within a minute is on time.
  function pacing() {
    var expected = total > 1 ? durationMin * 60000 * cur / (total - 1) : 0;
    var diff = expected - elapsedMs();
    if (Math.abs(diff) < 60000) return ['on-time', t('on_time')];
    var n = Math.round(Math.abs(diff) / 60000) + ' ' + t('minutes') + ' ';
    return diff > 0 ? ['ahead', n + t('ahead')] : ['behind', n + t('behind')];
  }

  // ── 13. Presenter view ─────────────────────────────────────────────────────────────────
  // Why: a second window that works from file:// with no extra file: window.open('') gives an
  // about:blank document of the same origin, written and driven entirely from here. It shows the
  // current and next slides (copies, pending fragments dimmed), the notes, the timer and the pacing;
  // its keys navigate this window. Either window may be closed at any time.
  var pw = null, pv = null, tickTimer = 0;
  function presenterAlive() {
    if (pw && pw.closed) { pw = null; pv = null; }
    return !!pw;
  }
  function openPresenter() {
    if (presenterAlive()) { pw.focus(); return pw; }
    var w = null;
    try { w = window.open('', 'diapo-presenter', 'popup,width=1280,height=800'); } catch (e) { w = null; }
    if (!w) { toast(t('popup_blocked')); announce(t('popup_blocked')); return null; }
    try { buildPresenter(w); } catch (e) { try { w.close(); } catch (e2) { /* ignore */ } toast(t('popup_blocked')); return null; }
    pw = w;
    // The clock ticks on the presenter's own event loop: the deck window may be hidden behind it,
    // and browsers throttle the timers of hidden windows (down to once a minute).
    w.clearInterval(tickTimer);
    tickTimer = w.setInterval(tick, 500);
    updatePresenter();
    w.focus();
    return w;
  }
  function buildPresenter(w) {
    var d = w.document;
    d.open();
    d.write('<!doctype html><meta charset="utf-8">'); // standards mode; the parser adds the rest
    d.close();
    d.documentElement.lang = document.documentElement.lang || root.getAttribute('data-lang') || 'en';
    d.title = t('presenter') + ' · ' + document.title;
    // Same styles as the deck (fonts, theme, runtime) so the slide copies look identical.
    Array.prototype.forEach.call(document.querySelectorAll('style, link[rel~="stylesheet"]'), function (s) {
      d.head.append(d.importNode(s, true));
    });
    var btn = function (cls, text, action) {
      var b = el(d, 'button', { type: 'button', class: cls, text: text });
      b.addEventListener('pointerdown', function (e) { e.preventDefault(); }); // keep Space for "next"
      b.addEventListener('click', action);
      return b;
    };
    pv = {
      count: el(d, 'span', { class: 'diapo-p-count' }),
      elapsed: el(d, 'strong', { class: 'diapo-p-time' }),
      remaining: el(d, 'strong', { class: 'diapo-p-time' }),
      pace: el(d, 'span', { class: 'diapo-p-pace', 'aria-live': 'polite' }),
      toggle: btn('diapo-p-btn', '', function () { if (timer.running) timerPause(); else timerStart(); }),
      curLabel: el(d, 'h2', { class: 'diapo-p-label' }),
      curStage: el(d, 'div', { class: 'diapo-p-stage' }),
      nextLabel: el(d, 'h2', { class: 'diapo-p-label' }),
      nextStage: el(d, 'div', { class: 'diapo-p-stage' }),
      // Long notes scroll: the box is focusable so that keyboard users can scroll it too (WCAG
      // 2.1.1); while it has the focus, the up and down arrows scroll it instead of navigating.
      notes: el(d, 'div', { class: 'diapo-p-notes-body', tabindex: '0', role: 'region', 'aria-label': t('notes') })
    };
    var bar = el(d, 'header', { class: 'diapo-p-bar' }, [
      el(d, 'h1', { class: 'diapo-sr-only', text: d.title }),
      pv.count,
      el(d, 'span', { class: 'diapo-p-clock' }, [el(d, 'span', { text: t('elapsed') }), pv.elapsed]),
      pv.toggle,
      btn('diapo-p-btn', t('reset'), timerReset),
      durationMin ? el(d, 'span', { class: 'diapo-p-clock' }, [el(d, 'span', { text: t('remaining') }), pv.remaining]) : null,
      durationMin ? pv.pace : null
    ]);
    d.body.className = 'diapo-presenter';
    d.body.append(bar, el(d, 'main', { class: 'diapo-p-main' }, [
      el(d, 'section', { class: 'diapo-p-current' }, [pv.curLabel, pv.curStage]),
      el(d, 'section', { class: 'diapo-p-next' }, [pv.nextLabel, pv.nextStage]),
      el(d, 'section', { class: 'diapo-p-notes' }, [el(d, 'h2', { class: 'diapo-p-label', text: t('notes') }), pv.notes])
    ]));
    w.addEventListener('keydown', function (e) { onKey(e, true); });
    w.addEventListener('resize', sizePresenter);
    w.addEventListener('pagehide', function () { if (pw === w) { pw = null; pv = null; } });
  }
  function updatePresenter() {
    if (!presenterAlive() || !pv) return;
    var d = pw.document;
    pv.count.textContent = (cur + 1) + ' / ' + total;
    pv.curLabel.textContent = labelFor(cur) + (fragmentsOf[cur].length ? ' · ' + shown + '/' + fragmentsOf[cur].length : '');
    pv.curStage.replaceChildren(thumb(d, cur, 'live'));
    if (cur < total - 1) {
      pv.nextLabel.textContent = t('next') + ' · ' + labelFor(cur + 1);
      pv.nextStage.replaceChildren(thumb(d, cur + 1, 'none'));
    } else {
      pv.nextLabel.textContent = t('next');
      pv.nextStage.replaceChildren(el(d, 'p', { class: 'diapo-p-end', text: t('end') }));
    }
    var notes = slides[cur].querySelector('.notes');
    var body = notes ? d.importNode(notes, true) : null;
    if (body) {
      var fac = body.querySelector('.facilitator-notes');
      if (fac && !fac.querySelector('.notes-label')) fac.prepend(el(d, 'p', { class: 'notes-label', text: t('facilitator') }));
    }
    if (body && body.textContent.trim()) pv.notes.replaceChildren.apply(pv.notes, Array.prototype.slice.call(body.childNodes));
    else pv.notes.replaceChildren(el(d, 'p', { class: 'diapo-p-empty', text: t('no_notes') }));
    pv.notes.scrollTop = 0;
    sizePresenter();
    tick();
  }
  // Each slide copy is scaled to fit its box (the boxes follow the presenter window's size).
  function sizePresenter() {
    if (!presenterAlive() || !pv) return;
    [pv.curStage, pv.nextStage].forEach(function (box) {
      var th = box.querySelector('.diapo-thumb');
      if (th) th.style.setProperty('--diapo-thumb-scale', String(Math.max(0.05, Math.min(box.clientWidth / W, box.clientHeight / H))));
    });
  }
  function tick() {
    if (!presenterAlive() || !pv) return;
    var ms = Math.floor(elapsedMs() / 1000) * 1000; // whole seconds, so elapsed + remaining = duration
    pv.elapsed.textContent = clock(ms);
    pv.toggle.textContent = timer.running ? t('pause') : t('start');
    pv.toggle.setAttribute('aria-pressed', timer.running ? 'true' : 'false');
    if (durationMin) {
      var left = durationMin * 60000 - ms;
      pv.remaining.textContent = clock(left);
      pv.remaining.classList.toggle('diapo-p-over', left < 0);
      var p = pacing();
      if (pv.pace.textContent !== p[1]) pv.pace.textContent = p[1];
      pv.pace.setAttribute('data-pace', p[0]);
      pv.pace.hidden = timer.armed; // before the session starts, "9 min ahead" would be noise
    }
  }
  // Closing or reloading the deck closes its presenter window (a dead opener cannot drive it).
  window.addEventListener('pagehide', function () { if (presenterAlive()) pw.close(); });

  // ── 14. Start-up and API ───────────────────────────────────────────────────────────────
  // Why: the deck container is focusable (keyboard users can Tab to it, then to the links of the
  // current slide); transitions are suspended for the first paint so the deck opens without a fade.
  if (!root.hasAttribute('tabindex')) root.setAttribute('tabindex', '0');
  if (root.tagName === 'DIV' && !root.hasAttribute('role')) root.setAttribute('role', 'region'); // <main> keeps its landmark
  if (!root.hasAttribute('aria-label') && document.title) root.setAttribute('aria-label', document.title);
  root.setAttribute('aria-keyshortcuts', 'ArrowRight ArrowLeft Space PageDown PageUp Home End O P F H');
  root.addEventListener('scroll', function () { root.scrollTop = 0; root.scrollLeft = 0; });
  stage.addEventListener('scroll', function () { stage.scrollTop = 0; stage.scrollLeft = 0; });
  document.documentElement.classList.add('diapo-ready');
  root.classList.add('diapo-ready', 'diapo-instant');
  layout();
  window.addEventListener('resize', layout);
  var start = readHash() || [0, 0];
  go(start[0], start[1], 'init');
  requestAnimationFrame(function () { requestAnimationFrame(function () { root.classList.remove('diapo-instant'); }); });

  window.diapo = Object.freeze({
    slide: function () { return cur + 1; },
    fragment: function () { return shown; },
    fragments: function () { return fragmentsOf[cur].length; },
    total: function () { return total; },
    next: next,
    prev: prev,
    goto: function (n, fragment) { go(Number(n) - 1, fragment == null ? 0 : fragment, 'user'); },
    openPresenter: openPresenter,
    get presenter() { return presenterAlive() ? pw : null; }
  });
})();
