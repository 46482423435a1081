// Season pickers reload the page as soon as a season is chosen; the form's button stays for keyboards and no-script.
document.querySelectorAll('form[data-season-picker] select').forEach((select) => {
  select.addEventListener('change', () => select.form.requestSubmit());
});
