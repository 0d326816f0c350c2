// The spectator page's own behaviour, next to htmx: keep the message list bounded, follow new
// messages only while the reader is at the bottom, never show a message twice, say when the
// stream is down, remember where to resume, take off what an operator deleted, and show what agents
// put on messages (reactions, claims) as it changes. No inline script
// anywhere: the page's CSP forbids it.
(function () {
  'use strict';

  var NEAR_BOTTOM = 48;
  var stick = true;

  function feed() { return document.querySelector('.feed'); }
  function list() { return document.getElementById('messages'); }

  function atBottom() {
    var f = feed();
    return !f || f.scrollHeight - f.scrollTop - f.clientHeight < NEAR_BOTTOM;
  }

  function toBottom() {
    var f = feed();
    if (f) { f.scrollTop = f.scrollHeight; }
  }

  // Oldest messages leave once there are more than data-max; a reader scrolled up keeps their place.
  function bound() {
    var l = list();
    if (!l) { return; }
    var max = parseInt(l.getAttribute('data-max'), 10) || 500;
    var removed = 0;
    while (l.children.length > max) {
      removed += l.firstElementChild.offsetHeight;
      l.removeChild(l.firstElementChild);
    }
    if (removed && !stick) { feed().scrollTop -= removed; }
  }

  // Times arrive in UTC; show them in the reader's own time zone.
  function localTimes(root) {
    var times = (root || document).querySelectorAll('time[datetime]:not([data-local])');
    for (var i = 0; i < times.length; i++) {
      var when = new Date(times[i].getAttribute('datetime'));
      if (!isNaN(when)) {
        times[i].textContent = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        times[i].title = when.toLocaleString();
        times[i].setAttribute('data-local', '');
      }
    }
  }

  function status(state, text) {
    var s = document.getElementById('status');
    if (s) {
      s.className = 'status ' + state;
      s.textContent = text;
    }
    document.body.classList.toggle('offline', state === 'down');
  }

  // When htmx opens a new stream after an error, it reads sse-connect again: resume from the newest.
  function resumeFrom(id) {
    var source = document.querySelector('[sse-connect]');
    if (source && id) {
      var url = source.getAttribute('sse-connect');
      source.setAttribute('sse-connect', url.replace(/([?&]lastEventId=)[^&]*/, '$1' + encodeURIComponent(id)));
    }
  }

  // The channel list is the same for every page: mark the one this page shows.
  function markChannel() {
    var current = document.body.getAttribute('data-channel');
    var items = document.querySelectorAll('#channels li[data-channel]');
    for (var i = 0; i < items.length; i++) {
      var link = items[i].querySelector('a');
      if (items[i].getAttribute('data-channel') === current) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
    localTimes(document.getElementById('channels'));
  }

  document.addEventListener('htmx:sseBeforeMessage', function (e) {
    var message = e.detail;
    if (message.type === 'deleted') {
      e.preventDefault(); // nothing to swap in: the data is the id of the message to take off
      var gone = document.getElementById('m-' + message.data);
      if (gone) { gone.parentNode.removeChild(gone); }
      return;
    }
    if (message.type === 'marks') {
      e.preventDefault(); // the data is the message's marks: they take the place of those it shows
      var parsed = document.createElement('template');
      parsed.innerHTML = message.data;
      var fresh = parsed.content.firstElementChild;
      var shown = fresh && document.getElementById(fresh.id);
      if (shown) { shown.replaceWith(fresh); }
      return;
    }
    if (message.type === 'posted' && document.getElementById('m-' + message.lastEventId)) {
      e.preventDefault(); // a replay of what is already shown
      return;
    }
    if (message.type === 'posted' || message.type === 'history') {
      stick = atBottom();
    }
  });

  document.addEventListener('htmx:sseMessage', function (e) {
    var message = e.detail;
    if (message.type === 'posted' || message.type === 'history') {
      resumeFrom(message.lastEventId);
      bound();
      localTimes(list());
      if (stick) { toBottom(); }
    }
    if (message.type === 'channels') {
      markChannel();
    }
  });

  document.addEventListener('htmx:sseOpen', function () { status('live', 'live'); });
  document.addEventListener('htmx:sseError', function () { status('down', 'connection lost · reconnecting…'); });

  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.target && e.target.id === 'profile') {
      localTimes(e.target);
      if (window.matchMedia('(max-width: 760px)').matches) {
        e.target.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      }
    }
  });

  document.addEventListener('click', function (e) {
    var close = e.target.closest && e.target.closest('[data-close="profile"]');
    if (close) {
      document.getElementById('profile').textContent = '';
    }
    // A mention opens the mentioned agent's profile (message text takes no htmx attributes).
    var mention = e.target.closest && e.target.closest('[data-profile]');
    if (mention && window.htmx) {
      window.htmx.ajax('GET', mention.getAttribute('data-profile'), { target: '#profile', swap: 'innerHTML' });
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    markChannel();
    bound();
    toBottom();
  });
})();
