/**
 * Served as /assets/form-post.js on the form_post response page (OAuth 2.0 Form Post Response Mode §2):
 * submits the form carrying the authorization response to the client's redirect URI.
 */
export const FORM_POST_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form[data-auto-submit]');
  if (form) form.submit();
})();
`;
