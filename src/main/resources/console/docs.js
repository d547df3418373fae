// The interactive API page: Swagger UI reading Billow's own OpenAPI document from this server.
window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger', deepLinking: true, validatorUrl: null });
