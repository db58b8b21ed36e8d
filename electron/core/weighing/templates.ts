import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DomainError } from '../lib/domain-error.js';
import { templateProblem, templatesClash, type ScaleTemplate, type TemplateDraft } from '../../../shared/scale/template.js';

interface Row {
  id: number; name: string; length: number; prefix: string; plu_digits: number; kind: ScaleTemplate['kind'];
  price_digits: number; price_unit: ScaleTemplate['priceUnit']; weight_digits: number; weight_unit: ScaleTemplate['weightUnit'];
  value_check: number; max_grams: number; active: number;
}

const toTemplate = (r: Row): ScaleTemplate => ({
  id: r.id, name: r.name, length: r.length, prefix: r.prefix, pluDigits: r.plu_digits, kind: r.kind, priceDigits: r.price_digits,
  priceUnit: r.price_unit, weightDigits: r.weight_digits, weightUnit: r.weight_unit, valueCheck: r.value_check === 1, maxGrams: r.max_grams, active: r.active === 1,
});

/** The shop's scale-barcode layouts (条码秤模板): the shipped ones (migration 020) and its own. */
export function createScaleTemplates(db: Database, clock: Clock, audit: AuditLog) {
  const all = db.prepare<[], Row>('SELECT * FROM scale_templates ORDER BY id');
  const one = db.prepare<[number], Row>('SELECT * FROM scale_templates WHERE id = ?');
  const insert = db.prepare(`INSERT INTO scale_templates (name, length, prefix, plu_digits, kind, price_digits, price_unit, weight_digits, weight_unit, value_check, max_grams, active, updated_at, updated_by)
    VALUES (@name, @length, @prefix, @pluDigits, @kind, @priceDigits, @priceUnit, @weightDigits, @weightUnit, @valueCheck, @maxGrams, @active, @at, @by)`);
  const update = db.prepare(`UPDATE scale_templates SET name = @name, length = @length, prefix = @prefix, plu_digits = @pluDigits, kind = @kind, price_digits = @priceDigits,
    price_unit = @priceUnit, weight_digits = @weightDigits, weight_unit = @weightUnit, value_check = @valueCheck, max_grams = @maxGrams, active = @active, updated_at = @at, updated_by = @by WHERE id = @id`);

  const list = () => all.all().map(toTemplate);
  return {
    list,
    get(id: number): ScaleTemplate {
      const r = one.get(id);
      if (!r) throw new DomainError('not_found', { entity: 'scale_template', id });
      return toTemplate(r);
    },
    save(input: TemplateDraft & { id?: number | undefined }, staffId: number): ScaleTemplate {
      // A weight-only layout has no price digits and a price-only one no weight digits, whatever the form sent.
      const draft: TemplateDraft = { ...input, priceDigits: input.kind === 'weight' ? 0 : input.priceDigits, weightDigits: input.kind === 'price' ? 0 : input.weightDigits };
      const problem = templateProblem(draft);
      if (problem) throw new DomainError('bad_input', { field: 'template', rule: problem }, `errors.scale_template_${problem}`);
      return db.transaction(() => {
        if (draft.active) {
          const clash = list().find((t) => t.active && t.id !== input.id && templatesClash(t, draft));
          if (clash) throw new DomainError('conflict', { field: 'prefix', with: clash.name }, 'errors.scale_template_clash');
        }
        const params = { ...draft, valueCheck: draft.valueCheck ? 1 : 0, active: draft.active ? 1 : 0, at: localDateTime(clock.now()), by: staffId };
        let id = input.id;
        if (id === undefined) id = Number(insert.run(params).lastInsertRowid);
        else if (update.run({ ...params, id }).changes === 0) throw new DomainError('not_found', { entity: 'scale_template', id });
        audit.record({ staffId, action: 'scale.saveTemplate', entity: 'scale_template', entityId: id, details: { prefix: draft.prefix, length: draft.length, kind: draft.kind, active: draft.active } });
        return toTemplate(one.get(id)!);
      })();
    },
  };
}
export type ScaleTemplates = ReturnType<typeof createScaleTemplates>;
