/**
 * The browser side of passkeys, served as /assets/passkey.js next to @simplewebauthn/browser's bundle.
 * One behaviour for every page: a form marked `data-passkey="register"` or `"authenticate"` asks its
 * `data-options` URL (POST, the form's csrf_token) for WebAuthn options, runs the ceremony, puts the
 * result in the form's hidden `response` field and submits the form, so the server answers with a page
 * or a redirect as for any other form. A form marked `data-autofill` also offers passkeys in the
 * username field's autofill (conditional mediation) where the browser supports it. What it tells the person
 * comes from the form's data-unsupported-message and data-failed-message, in the page's language.
 */
export const PASSKEY_SCRIPT = `(function () {
  'use strict';
  var webauthn = window.SimpleWebAuthnBrowser;
  if (!webauthn) return;

  /** The form's own field, or (data-shared-fields) the page's other field of that name. */
  function field(form, name) {
    if (form.elements[name]) return form.elements[name].value;
    var shared = document.querySelector('input[name="' + name + '"]');
    return shared ? shared.value : '';
  }

  function optionsFor(form) {
    var body = new URLSearchParams({ csrf_token: field(form, 'csrf_token') });
    return fetch(form.getAttribute('data-options'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (answer) {
      if (!answer.ok) throw new Error('options refused');
      return answer.json();
    });
  }

  function showError(form, message) {
    var box = form.querySelector('[data-passkey-error]');
    if (box) { box.textContent = message; box.hidden = false; }
  }

  function finish(form, handle, result) {
    ['csrf_token', 'return_to'].forEach(function (name) {
      if (form.elements[name]) return;
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = field(form, name);
      form.appendChild(input);
    });
    form.elements.handle.value = handle;
    form.elements.response.value = JSON.stringify(result);
    form.submit();
  }

  function run(form, autofill) {
    return optionsFor(form).then(function (answer) {
      var ceremony = form.getAttribute('data-passkey') === 'register'
        ? webauthn.startRegistration({ optionsJSON: answer.options })
        : webauthn.startAuthentication({ optionsJSON: answer.options, useBrowserAutofill: autofill });
      return ceremony.then(function (result) { finish(form, answer.handle, result); });
    });
  }

  document.querySelectorAll('form[data-passkey]').forEach(function (form) {
    if (!webauthn.browserSupportsWebAuthn()) {
      showError(form, form.getAttribute('data-unsupported-message'));
      return;
    }
    var button = form.querySelector('[data-passkey-start]');
    if (button) {
      button.disabled = false;
      button.addEventListener('click', function (event) {
        event.preventDefault();
        run(form, false).catch(function (error) {
          if (error && error.name === 'AbortError') return;
          showError(form, form.getAttribute('data-failed-message'));
        });
      });
    }
    if (form.hasAttribute('data-autofill')) {
      webauthn.browserSupportsWebAuthnAutofill().then(function (supported) {
        if (supported) run(form, true).catch(function () { /* the person chose another way */ });
      });
    }
  });
})();
`;
