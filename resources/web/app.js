// Shortfuse: progressive enhancement for the create form.
// The page works without this script (plain form post); this adds
// in-place results and a Copy button.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function init() {
    var form = $('create-form');
    var errorEl = $('error');
    var result = $('result');
    var shortUrl = $('short-url');
    var shortLink = $('short-link');
    var statsLink = $('stats-link');
    var maxText = $('max-clicks-text');
    var copyButton = $('copy-button');
    var copyStatus = $('copy-status');
    var submit = $('submit-button');
    var advanced = $('advanced');
    var copyTimer = null;

    if (!form) return;

    function showError(message) {
      errorEl.textContent = message;
      errorEl.hidden = false;
    }

    function hideError() {
      errorEl.textContent = '';
      errorEl.hidden = true;
    }

    function clicksSentence(max) {
      if (max === null || max === undefined) return 'Works without limit.';
      return 'Works ' + max + (max === 1 ? ' time' : ' times') + ', then expires.';
    }

    function showResult(data) {
      shortUrl.value = data.short_url || '';
      shortLink.textContent = data.short_url || '';
      shortLink.href = data.short_url || '#';
      statsLink.href = data.stats_url || '#';
      maxText.textContent = clicksSentence(data.max_clicks);
      copyStatus.textContent = '';
      result.hidden = false;
      shortUrl.focus();
      shortUrl.select();
    }

    // Open "Advanced options" when one of its fields fails validation,
    // so the browser can point at it.
    form.addEventListener('invalid', function (ev) {
      if (advanced && advanced.contains(ev.target)) advanced.open = true;
    }, true);

    form.addEventListener('submit', function (ev) {
      if (!window.fetch || !window.JSON) return; // fall back to a plain post
      ev.preventDefault();

      var payload = { url: form.elements.url.value.trim() };
      var alias = form.elements.alias.value.trim();
      var max = form.elements.max_clicks.value.trim();
      if (alias !== '') payload.alias = alias;
      if (max !== '') {
        var n = Number(max);
        if (!Number.isInteger(n) || n < 1 || n > 2147483647) {
          if (advanced) advanced.open = true;
          showError('Maximum clicks must be a whole number from 1 to 2147483647.');
          return;
        }
        payload['max-clicks'] = n;
      }
      // The advanced options, with the meaning the plain post gives them:
      // an empty field is not sent (the link's default).
      var els = form.elements;
      var protection = els.preview_protection ? els.preview_protection.value : '';
      if (protection !== '') payload['preview-protection'] = protection;
      if (els.password && els.password.value !== '') payload.password = els.password.value; // as typed
      var expiresIn = els.expires_in ? els.expires_in.value : '';
      if (expiresIn !== '') payload['expires-in'] = Number(expiresIn);
      var expiresAt = els.expires_at ? els.expires_at.value.trim().replace(' ', 'T') : '';
      if (expiresAt !== '') {
        // The field is labelled UTC (a plain post cannot tell the server a
        // time zone), so a bare time is sent as UTC here too.
        payload['expires-at'] = /(Z|[+-]\d\d:?\d\d)$/.test(expiresAt) ? expiresAt : expiresAt + 'Z';
      }
      var expiredUrl = els.expired_url ? els.expired_url.value.trim() : '';
      if (expiredUrl !== '') payload['expired-url'] = expiredUrl;
      var label = els.label ? els.label.value.trim() : '';
      if (label !== '') payload.label = label;
      var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
      // Shown when the server makes links only for key holders; the API takes the key as a bearer token.
      if (els.key && els.key.value !== '') headers.Authorization = 'Bearer ' + els.key.value.trim();

      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');

      fetch('/api/create', {
        method: 'POST',
        headers: headers,
        body: JSON.stringify(payload),
        credentials: 'same-origin'
      }).then(function (res) {
        return res.json().then(function (data) {
          return { ok: res.status === 201, status: res.status, data: data };
        }, function () {
          return { ok: false, status: res.status, data: null };
        });
      }).then(function (r) {
        if (r.ok && r.data && r.data.short_url) {
          hideError();
          if (form.elements.password) form.elements.password.value = '';
          showResult(r.data);
        } else {
          result.hidden = true;
          var msg = r.data && typeof r.data.error === 'string' && r.data.error
            ? r.data.error
            : 'The server could not create the link (HTTP ' + r.status + '). Please try again.';
          showError(msg);
        }
      }, function () {
        showError('Could not reach the server. Check your connection and try again.');
      }).then(function () {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      });
    });

    function copied() {
      copyStatus.textContent = 'Copied';
      if (copyTimer) clearTimeout(copyTimer);
      copyTimer = setTimeout(function () { copyStatus.textContent = ''; }, 2000);
    }

    function fallbackCopy() {
      shortUrl.focus();
      shortUrl.select();
      try { shortUrl.setSelectionRange(0, shortUrl.value.length); } catch (e) { /* ignore */ }
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      if (ok) copied();
      else copyStatus.textContent = 'Press Ctrl+C (or Cmd+C) to copy';
    }

    if (copyButton) {
      copyButton.hidden = false;
      copyButton.addEventListener('click', function () {
        var text = shortUrl.value;
        if (!text) return;
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(copied, fallbackCopy);
        } else {
          fallbackCopy();
        }
      });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
