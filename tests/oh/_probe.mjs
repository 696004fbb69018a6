import OpeningHours from 'opening_hours';
import { NOMINATIM, OH_CONF, ensureBerlinTz, parseLocal, loadCorpus } from './common.mjs';
import { instants } from './instants.mjs';
ensureBerlinTz();
const dates = instants().map(parseLocal).slice(0, 20);
for (const v of loadCorpus()) {
  let oh; try { oh = new OpeningHours(v, NOMINATIM, OH_CONF); } catch { continue; }
  const t0 = performance.now();
  for (const d of dates) { oh.getState(d); oh.getNextChange(d); }
  const ms = performance.now() - t0;
  if (ms > 50) console.log(ms.toFixed(0) + 'ms', v);
}
