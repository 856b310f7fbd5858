/// The style sheet and script embedded in every report.
enum ReportStyle {
    /// The page's CSS: a centred column of white cards, tables, grids of plots, a scrolling row of sample grids.
    static let css = """
        :root { --ink: #222; --muted: #666; --line: #dde1e6; --page: #f4f5f7; --soft: #f8f9fb; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--page); color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px; }
        header h1 { margin: 0; font-size: 28px; }
        header p { margin: 4px 0 0; color: var(--muted); }
        code, pre, .path { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
        .path { word-break: break-all; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px;
                  margin: 20px 0; }
        h2 { margin: 0 0 12px; font-size: 20px; }
        h3 { margin: 16px 0 8px; font-size: 16px; }
        .overview { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px;
                    margin: 0; }
        .overview div { background: var(--soft); border-radius: 6px; padding: 8px 12px; }
        .overview dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
        .overview dd { margin: 0; font-weight: 600; }
        .status { display: inline-block; padding: 0 10px; border-radius: 999px; background: #e9ebee; }
        .status-finished { background: #e2f4e5; color: #1d6b2a; }
        .status-running { background: #e2eefb; color: #1f5fa8; }
        .status-stopped { background: #fff3d1; color: #7a5600; }
        .status-failed { background: #fde3e3; color: #a11d1d; }
        .notes { border-left: 4px solid #e0a800; }
        .notes ul { margin: 0; padding-left: 20px; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 600; font-size: 13px; }
        td.number, th.number { text-align: right; }
        tbody tr:nth-child(even) { background: var(--soft); }
        .settings th { width: 18em; }
        pre { background: var(--soft); padding: 12px; margin: 0; overflow-x: auto; }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 13px; text-align: center; margin-top: 4px; }
        .plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
        .plots.small { grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); }
        .plots svg { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
        .samples { display: flex; gap: 16px; overflow-x: auto; padding-bottom: 8px; }
        .samples figure { flex: 0 0 auto; }
        .samples img { display: block; image-rendering: pixelated; border: 1px solid var(--line); }
        .empty { color: var(--muted); font-style: italic; margin: 0; }
        footer { color: var(--muted); font-size: 12px; text-align: center; margin: 8px 0 24px; }
        """

    /// A script that reports, for automatic checks, what the browser could not show: each resource that fails
    /// to load and each image that is not decoded is logged to the console as an error, and once the page has
    /// loaded `<body>` gets `data-images-loaded="DECODED/ALL"` and `data-external-resources="COUNT"` (resources
    /// fetched from anywhere, which a self-contained report never needs).
    static let script = """
        window.addEventListener("error", function (event) {
          var target = event.target;
          if (target && target !== window) {
            console.error("failed to load " + (target.currentSrc || target.src || target.href || target.tagName));
          }
        }, true);
        window.addEventListener("load", function () {
          var images = document.images, decoded = 0;
          for (var i = 0; i < images.length; i++) {
            if (images[i].complete && images[i].naturalWidth > 0) { decoded += 1; }
            else { console.error("image not decoded: " + images[i].alt); }
          }
          document.body.setAttribute("data-images-loaded", decoded + "/" + images.length);
          document.body.setAttribute("data-external-resources",
                                     String(performance.getEntriesByType("resource").length));
        });
        """
}
