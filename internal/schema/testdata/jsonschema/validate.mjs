// Validates documents against rtgen's JSON Schema with ajv, and tells, for
// each case, whether inserting a key into a mapping makes ajv report it as
// not allowed there. Input: a JSON file (argv[2]) holding
// {schema, docs: {name: doc}, base, cases: [{path: [segments], key}]}.
import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';

const Ajv = AjvModule.default ?? AjvModule;
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const report = (t, v) => process.stdout.write(JSON.stringify({ t, v }) + '\n');

try {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile(input.schema);
  const docs = {};
  for (const [name, doc] of Object.entries(input.docs)) {
    docs[name] = validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
  }
  report('docs', docs);

  const pointer = (path) => path.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
  const unknown = input.cases.map(({ path, key }) => {
    const doc = structuredClone(input.base);
    let node = doc;
    for (const s of path) node = node[s];
    node[key] = null;
    if (validate(doc)) return false;
    const at = pointer(path);
    return validate.errors.some(
      (e) => e.keyword === 'additionalProperties' && e.instancePath === at && e.params.additionalProperty === key,
    );
  });
  report('unknown', unknown);
} catch (err) {
  report('fail', String(err?.stack ?? err));
}
