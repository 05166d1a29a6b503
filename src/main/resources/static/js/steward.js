// Steward's only script: asks before destructive actions. No inline scripts anywhere (CSP: script-src 'self').
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
