// The fighter search box's dropdown: asks /api/v1/fights/suggest as people type and lists up to 10 fighters to jump
// to. Without this script the box is a plain search field of a GET form, so nothing depends on it.
(() => {
  const input = document.querySelector('input[data-suggest]');
  const list = input && document.getElementById(input.getAttribute('aria-controls'));
  if (!input || !list) return;
  let timer, active = -1, asked = '';

  const close = () => { list.hidden = true; list.replaceChildren(); input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; };
  const mark = (i) => {
    const items = list.querySelectorAll('[role=option]');
    items.forEach((el, n) => { el.classList.toggle('active', n === i); el.setAttribute('aria-selected', n === i ? 'true' : 'false'); });
    active = i;
    if (i >= 0) input.setAttribute('aria-activedescendant', items[i].id); else input.removeAttribute('aria-activedescendant');
  };

  const show = (fighters) => {
    list.replaceChildren(...fighters.map((f, i) => {
      const a = document.createElement('a');
      a.id = `fighter-suggestion-${i}`;
      a.href = f.url;
      a.setAttribute('role', 'option');
      a.className = 'list-group-item list-group-item-action';
      a.textContent = f.name;
      const extra = document.createElement('small');
      extra.className = 'text-body-secondary ms-2';
      extra.textContent = [f.nickname && `“${f.nickname}”`, f.weightClassTitle, f.active ? null : 'retired'].filter(Boolean).join(' · ');
      a.append(extra);
      return a;
    }));
    list.hidden = fighters.length === 0;
    input.setAttribute('aria-expanded', fighters.length ? 'true' : 'false');
    active = -1;
  };

  const ask = async () => {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q || q.length > 100) { close(); return; }
    try {
      const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { headers: { Accept: 'application/json' } });
      if (input.value.trim() !== q) return; // a later keystroke asks again
      show(response.ok ? await response.json() : []);
    } catch { close(); }
  };

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(ask, 120); });
  input.addEventListener('keydown', (e) => {
    const count = list.querySelectorAll('[role=option]').length;
    if (list.hidden || !count) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); mark((active + 1) % count); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); mark((active - 1 + count) % count); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); list.querySelectorAll('[role=option]')[active].click(); }
    else if (e.key === 'Escape') { close(); }
  });
  input.addEventListener('blur', () => setTimeout(close, 150)); // after a click on an option has followed its link
})();
