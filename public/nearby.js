// "Use my position" on /nearby: fills latitude and longitude from the Geolocation API and
// submits the form. The page works without this script (type the coordinates).
(function () {
  'use strict';
  var form = document.querySelector('form[data-nearby]');
  if (!form || !navigator.geolocation) return;
  var button = form.querySelector('[data-use-position]');
  var status = form.querySelector('[data-nearby-status]');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = button.getAttribute('data-text-locating');
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(6);
        form.elements.lon.value = position.coords.longitude.toFixed(6);
        form.submit();
      },
      function (error) {
        status.textContent = button
          .getAttribute('data-text-denied')
          .replace('{reason}', error.message || String(error.code));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
