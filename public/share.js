// "Share" on the staff post list: staff pass a published post on in their own networks.
// The phone's share sheet (Web Share API) where there is one; elsewhere the post's address
// is copied and the card says so. Without this script the button is a plain link to the
// post's page, which the browser can share itself.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("a.share[data-share-title]");
  if (!link) return;
  event.preventDefault();
  const url = new URL(link.getAttribute("href"), location.href).href;
  const title = link.dataset.shareTitle;
  if (navigator.share) {
    try {
      await navigator.share({ title, url });
      return;
    } catch (error) {
      if (error.name === "AbortError") return; // the person closed the sheet
    }
  }
  const status = link.parentElement.querySelector(".share-status");
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = link.dataset.copied;
  } catch {
    location.href = url; // no clipboard either: open the page to share it from there
  }
});
