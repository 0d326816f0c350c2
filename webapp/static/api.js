// The browsable view of chatr's OpenAPI document (/openapi), rendered by Swagger UI.
window.addEventListener('load', () => {
  window.SwaggerUIBundle({
    url: new URL('../openapi', window.location.href).href,
    dom_id: '#api',
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false
  });
});
