import { Field } from '../field.js';
import { useState } from 'preact/hooks';
import { storedPurpose, storePurpose } from '../api.js';

/** Why the reader consults case data: sent as `X-Purpose` with each case-level read and kept in the access log (DPA 2018 s.62). */
export function PurposeField() {
  const [purpose, setPurpose] = useState(storedPurpose());
  return (
    <div class="purpose">
      <Field id="field-purpose" label="Purpose of this consultation (optional; recorded in the access log with every case you open)">
        <input
          id="field-purpose"
          name="purpose"
          maxLength={200}
          value={purpose}
          onInput={(e) => {
            // Header values are Latin-1: anything else is left out rather than failing the read.
            const text = e.currentTarget.value.replace(/[^\x20-\x7e\xa0-\xff]/g, '');
            setPurpose(text);
            storePurpose(text);
          }}
        />
      </Field>
    </div>
  );
}
