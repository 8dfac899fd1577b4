// Opens a data package zip with the JavaScript `datapackage` reader and prints, as JSON, how many
// rows it reads from each resource: {"resource-name": rows, ...}. Exits 1 with the reader's errors
// when the package does not load or is not valid for it.
//
//     node read.js path/to/package.zip
"use strict";

const { Package } = require("datapackage");

async function main(archive) {
  const pkg = await Package.load(archive);
  if (!pkg.valid) {
    throw new Error(`not a valid data package: ${pkg.errors.map(String).join("; ")}`);
  }
  const rows = {};
  for (const resource of pkg.resources) {
    rows[resource.name] = (await resource.read()).length;
  }
  return rows;
}

main(process.argv[2]).then(
  (rows) => console.log(JSON.stringify(rows)),
  (error) => {
    console.error(String(error && error.stack ? error.stack : error));
    process.exit(1);
  },
);
