// The HTML error page Coder's workspace app proxy answers with, for tests that read one.

/** Coder's site/static/error.html as html/template renders it (shortened: style and logo dropped). */
export function coderErrorPage(status: number, title: string, description: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>${status} - ${title}</title>
    <style>h1 { font-weight: 700; }</style>
  </head>
  <body>
    <div class="container">
      <svg class="coder-svg" viewBox="0 0 36 36"><path d="M32.98 15.90" fill="white" /></svg>
      <h1>${status} - ${title}</h1>
      <p>${description}</p>
      <div class="button-group">
        <a href="http://coder.test/">Back to site</a>
      </div>
    </div>
  </body>
</html>
`;
}
