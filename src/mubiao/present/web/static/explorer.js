// The start-up of the OpenAPI explorer at /api/docs (Swagger UI, vendored: it works offline and
// needs no inline script).
window.ui = SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
});
