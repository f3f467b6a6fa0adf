/**
 * Served as /assets/frontchannel-logout.js on the signed-out page (Front-Channel Logout 1.0 §3): once every
 * app's logout iframe has loaded, or after a few seconds whatever they do, the browser goes on to the
 * link marked `data-continue` (the post_logout_redirect_uri). Without scripts the person follows the link.
 */
export const FRONTCHANNEL_LOGOUT_SCRIPT = `(function () {
  'use strict';
  var next = document.querySelector('a[data-continue]');
  if (!next) return;
  var frames = document.querySelectorAll('iframe[data-frontchannel-logout]');
  var waiting = frames.length;
  var gone = false;
  function go() {
    if (gone) return;
    gone = true;
    window.location.replace(next.href);
  }
  frames.forEach(function (frame) {
    frame.addEventListener('load', function () {
      waiting -= 1;
      if (waiting <= 0) go();
    });
  });
  // An app's page that never loads must not keep the person here.
  setTimeout(go, 3000);
  if (waiting === 0) go();
})();
`;
