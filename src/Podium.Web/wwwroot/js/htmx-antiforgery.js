// Every htmx request that can change something carries the page's antiforgery token, as forms do in a hidden field.
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="request-verification-token"]');
  if (token && event.detail.verb !== 'get') {
    event.detail.headers.RequestVerificationToken = token.content;
  }
});
