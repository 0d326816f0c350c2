// Validates an OpenAPI document (a file, JSON or YAML) against the OpenAPI schema and its own
// references: exits 0 and prints "valid" when it is, 1 with the reasons when it is not.
const SwaggerParser = require('@apidevtools/swagger-parser');

SwaggerParser.validate(process.argv[2])
  .then(api => {
    console.log(`valid: ${api.info.title} ${api.info.version}, ${Object.keys(api.paths).length} paths`);
  })
  .catch(error => {
    console.error(`invalid: ${error.message}`);
    process.exit(1);
  });
