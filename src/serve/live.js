/*
 * diapo serve's live reload. Only the pages `diapo serve` serves have it: built decks never do.
 * It listens to the server's event stream:
 *   hello        on connection: a page older than the server's deck reloads;
 *   reload       a new build: reload, onto the slide that changed (all its fragments shown) when
 *                the server names one, else on the current slide (the address keeps it);
 *   build-error  show the diagnostics over the last good deck (the overlay the server wrote,
 *                hidden until now); the next good build reloads the page without it.
 * The text goes in with textContent: never parsed as HTML.
 * Note for the server: this file never contains a less-than sign followed by a slash, so it can
 * be inlined in a script element as is.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var version = (me && me.getAttribute('data-diapo-version')) || '';
  if (!window.EventSource || window.diapoLive) return;
  window.diapoLive = true;

  function reload(slide) {
    if (slide) {
      // Past the slide's last fragment: the runtime stops at the last one, so the whole edited
      // slide shows.
      try { history.replaceState(history.state, '', '#/' + slide + '/9999'); } catch (e) { /* keep the address */ }
    }
    location.reload();
  }
  function showError(text) {
    var box = document.getElementById('diapo-live-error');
    var pre = box && box.querySelector('pre');
    if (!pre) return;
    pre.textContent = text;
    box.hidden = false;
  }
  function data(e) {
    try { return JSON.parse(e.data) || {}; } catch (x) { return {}; }
  }

  var events = new EventSource('/__diapo/events');
  events.addEventListener('hello', function (e) {
    if (data(e).version !== version) reload(null);
  });
  events.addEventListener('reload', function (e) {
    reload(data(e).slide);
  });
  events.addEventListener('build-error', function (e) {
    var d = data(e);
    version = d.version;
    showError(String(d.text || ''));
  });
})();
