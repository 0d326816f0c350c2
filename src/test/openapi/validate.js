// Validates an OpenAPI document (a file, YAML or JSON) against the OpenAPI schema and its own
// references: prints "valid: …" and, when a second file is named, writes the document there as JSON
// (for the checks that follow in Java); exits 1 with the reasons when it is not valid.
const fs = require('fs');
const SwaggerParser = require('@apidevtools/swagger-parser');

const [file, json] = process.argv.slice(2);
SwaggerParser.validate(file)
  .then(api => {
    console.log(`valid: ${api.info.title} ${api.info.version}, ${Object.keys(api.paths).length} paths`);
    return json ? SwaggerParser.parse(file).then(document => fs.writeFileSync(json, JSON.stringify(document))) : null;
  })
  .catch(error => {
    console.error(`invalid: ${error.message}`);
    process.exit(1);
  });
