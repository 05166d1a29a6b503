// Passkeys (WebAuthn) for Steward's own pages. Adapted from Spring Security's spring-security-webauthn.js
// (Apache License 2.0): the same endpoints (/webauthn/register/options, /webauthn/register,
// /webauthn/authenticate/options, /login/webauthn), served as a static file because the CSP allows no inline script.
(function () {
  'use strict';

  function b64urlEncode(buffer) {
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
    return window.btoa(s).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
  }

  function b64urlDecode(text) {
    var s = window.atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) { bytes[i] = s.charCodeAt(i); }
    return bytes.buffer;
  }

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : '';
  }

  function post(url, body) {
    var headers = { 'Content-Type': 'application/json' };
    headers[meta('csrf-header')] = meta('csrf-token');
    return fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined })
      .then(function (res) {
        if (!res.ok) { throw new Error('The server answered ' + res.status + '.'); }
        return res.json();
      });
  }

  function showError(message) {
    var el = document.getElementById('passkey-error');
    if (el) {
      el.textContent = message;
      el.hidden = false;
    }
  }

  function authenticate() {
    return post('/webauthn/authenticate/options').then(function (options) {
      options.challenge = b64urlDecode(options.challenge);
      options.allowCredentials = (options.allowCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: b64urlDecode(c.id) });
      });
      return navigator.credentials.get({ publicKey: options });
    }).then(function (cred) {
      var r = cred.response;
      return post('/login/webauthn', {
        id: cred.id,
        rawId: b64urlEncode(cred.rawId),
        response: {
          authenticatorData: b64urlEncode(r.authenticatorData),
          clientDataJSON: b64urlEncode(r.clientDataJSON),
          signature: b64urlEncode(r.signature),
          userHandle: r.userHandle ? b64urlEncode(r.userHandle) : undefined
        },
        credType: cred.type,
        clientExtensionResults: cred.getClientExtensionResults(),
        authenticatorAttachment: cred.authenticatorAttachment
      });
    }).then(function (result) {
      if (!result || !result.authenticated) { throw new Error('The passkey was not accepted.'); }
      return result.redirectUrl || '/';
    });
  }

  function register(label) {
    return post('/webauthn/register/options').then(function (options) {
      options.challenge = b64urlDecode(options.challenge);
      options.user = Object.assign({}, options.user, { id: b64urlDecode(options.user.id) });
      options.excludeCredentials = (options.excludeCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: b64urlDecode(c.id) });
      });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (cred) {
      var r = cred.response;
      return post('/webauthn/register', {
        publicKey: {
          credential: {
            id: cred.id,
            rawId: b64urlEncode(cred.rawId),
            response: {
              attestationObject: b64urlEncode(r.attestationObject),
              clientDataJSON: b64urlEncode(r.clientDataJSON),
              transports: r.getTransports ? r.getTransports() : []
            },
            type: cred.type,
            clientExtensionResults: cred.getClientExtensionResults(),
            authenticatorAttachment: cred.authenticatorAttachment
          },
          label: label
        }
      });
    }).then(function (result) {
      if (!result || !result.success) { throw new Error('The passkey was not saved.'); }
    });
  }

  function postForm(url) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = url;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = '_csrf';
    input.value = meta('csrf-token');
    form.appendChild(input);
    document.body.appendChild(form);
    form.submit();
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (!window.PublicKeyCredential && (target.hasAttribute('data-passkey-sign-in') || target.hasAttribute('data-passkey-register')
        || target.hasAttribute('data-passkey-step-up'))) {
      showError('This browser does not support passkeys.');
      return;
    }
    if (target.hasAttribute('data-passkey-sign-in')) {
      authenticate().then(function (url) { window.location.href = url; })
        .catch(function (e) { showError('Sign-in with a passkey failed. ' + e.message); });
    } else if (target.hasAttribute('data-passkey-register')) {
      var labelInput = document.getElementById('passkey-label');
      var label = labelInput && labelInput.value.trim() ? labelInput.value.trim() : 'My passkey';
      var done = target.getAttribute('data-done') || '/settings/security';
      register(label).then(function () {
        if (done.indexOf('/mfa/') === 0) { postForm(done); } else { window.location.href = done; }
      }).catch(function (e) { showError('Creating a passkey failed. ' + e.message); });
    } else if (target.hasAttribute('data-passkey-step-up')) {
      var form = document.getElementById(target.getAttribute('data-passkey-step-up'));
      authenticate().then(function () {
        var code = form.querySelector('[name="_stepup_code"]');
        if (code) { code.remove(); }
        form.submit();
      }).catch(function (e) { showError('Confirming with a passkey failed. ' + e.message); });
    }
  });
})();
