// Site search, progressive enhancement only: every page works without this file.
//  * Autocomplete: an <input data-suggest list="…"> gets completions from
//    /api/v1/search/suggest?q= while the visitor types (debounced, stale requests aborted) in its
//    <datalist>; a polite status region in the same form says how many there are.
//  * On a phone-width screen the facet panel of the result page starts folded (<details>), so the
//    results come first; without this script it simply stays open.
// Loaded with `defer` from /static (the Content-Security-Policy allows only script-src 'self').
(function () {
  'use strict';

  var DELAY_MS = 200;
  var MAX_SUGGESTIONS = 8;

  function attach(input) {
    var list = input.list;
    if (!list || !window.fetch || !window.AbortController) return;
    var form = input.form;
    var status = form ? form.querySelector('[data-suggest-status]') : null;
    var timer = 0;
    var controller = null;
    var last = '';

    function fill(items) {
      while (list.firstChild) list.removeChild(list.firstChild);
      items.slice(0, MAX_SUGGESTIONS).forEach(function (text) {
        if (typeof text !== 'string') return;
        var option = document.createElement('option');
        option.value = text;
        list.appendChild(option);
      });
      if (status) status.textContent = list.children.length ? '有 ' + list.children.length + ' 条搜索建议' : '';
    }

    function suggest() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (controller) controller.abort();
      controller = null;
      if (!q) { fill([]); return; }
      controller = new AbortController();
      fetch('/api/v1/search/suggest?q=' + encodeURIComponent(q), {
        signal: controller.signal,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      }).then(function (res) {
        return res.ok ? res.json() : { suggestions: [] };
      }).then(function (body) {
        if (q === last) fill(Array.isArray(body.suggestions) ? body.suggestions : []);
      }).catch(function () { /* aborted or offline: keep the box as it is */ });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });
  }

  function init() {
    var inputs = document.querySelectorAll('input[data-suggest]');
    for (var i = 0; i < inputs.length; i++) attach(inputs[i]);
    var panel = document.querySelector('details.facets-panel');
    if (panel && window.matchMedia && window.matchMedia('(max-width: 640px)').matches) panel.open = false;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
