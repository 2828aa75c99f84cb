import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The browsable docs page: Swagger UI from the swagger-ui-dist package's own files, served by
 * this server (no CDN: clients may be offline), reading the document at `specUrl`.
 */

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
export const DOCS_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png'] as const;
export type DocsAsset = (typeof DOCS_ASSETS)[number];

export const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** How long browsers may keep an asset: they change only with the package's version. */
export const ASSET_MAX_AGE = '1d';

export function docsPage(assetsUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Clubhouse API</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${assetsUrl}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${assetsUrl}/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${assetsUrl}/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${assetsUrl}/swagger-ui-bundle.js"></script>
  <script src="${assetsUrl}/${DOCS_INIT_SCRIPT}"></script>
</body>
</html>
`;
}

/**
 * The page's start-up script, served as a file (not inline) so the Content-Security-Policy can
 * allow scripts from this server only. validatorUrl null: no badge image from validator.swagger.io.
 */
export const DOCS_INIT_SCRIPT = 'init.js';

export function docsInitScript(specUrl: string): string {
  return `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(specUrl)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;
}
