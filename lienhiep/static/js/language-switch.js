// The language switch returns to the page as it is now. The finder changes its
// address as the search and the filters change (htmx), without drawing the page
// again, so the address the server wrote into the switch would be the first one.
for (const event of ["htmx:pushedIntoHistory", "htmx:replacedInHistory"]) {
  document.addEventListener(event, () => {
    const next = document.querySelector(".lang-switch input[name=next]");
    if (next) next.value = location.pathname + location.search;
  });
}
