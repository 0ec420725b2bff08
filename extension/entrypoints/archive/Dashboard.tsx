// Charts of the archive: messages per sender per month, documents expiring per week, archive size. Plain SVG.
import { t } from '@/src/i18n/i18n';
import { formatBytes } from '@/src/overlay/format';
import { archiveSize, expiringPerWeek, messagesPerSenderPerMonth } from '@/src/search/dashboard-stats';
import type { SearchDoc } from '@/src/search/search-doc';
import { WipeArchive } from './WipeArchive';

const COLORS = ['#0b5cad', '#d4572a', '#2f9e44', '#9c36b5', '#e8a317', '#868e96'];

function Bars({ labels, series, height = 180 }: { labels: string[]; series: { name: string; values: number[] }[]; height?: number }) {
  const totals = labels.map((_, i) => series.reduce((n, s) => n + s.values[i]!, 0));
  const max = Math.max(1, ...totals);
  const w = 44;
  return (
    <svg viewBox={`0 0 ${labels.length * w + 40} ${height + 40}`} class="chart" role="img">
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1="36" x2={labels.length * w + 40} y1={10 + height * (1 - f)} y2={10 + height * (1 - f)} stroke="#e5e7eb" />
          <text x="30" y={14 + height * (1 - f)} text-anchor="end" class="axis">{Math.round(max * f)}</text>
        </g>
      ))}
      {labels.map((label, i) => {
        let y = 10 + height;
        return (
          <g>
            {series.map((s, k) => {
              const h = (s.values[i]! / max) * height;
              y -= h;
              return h > 0 && <rect x={40 + i * w + 6} y={y} width={w - 12} height={h} fill={COLORS[k % COLORS.length]}><title>{`${s.name}: ${s.values[i]}`}</title></rect>;
            })}
            <text x={40 + i * w + w / 2} y={height + 28} text-anchor="middle" class="axis">{label}</text>
          </g>
        );
      })}
    </svg>
  );
}

export function Dashboard({ docs, locale, companyName, onWiped }: { docs: readonly SearchDoc[]; locale: string; companyName: string; onWiped: () => void }) {
  const now = Date.now();
  const perMonth = messagesPerSenderPerMonth(docs, now, 12, 5, '…');
  const weeks = expiringPerWeek(docs, now, 12);
  const size = archiveSize(docs);
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', timeZone: 'Europe/Brussels' });
  return (
    <div class="dashboard" data-part="dashboard">
      <h2 class="dashboard-company" data-part="dashboard-company">{companyName}</h2>
      <section class="card">
        <h2>{t('archive_perSenderMonth')}</h2>
        <Bars labels={perMonth.months.map((m) => monthFmt.format(new Date(`${m}-01T00:00:00Z`)))} series={perMonth.series.map((s) => ({ name: s.sender, values: s.counts }))} />
        <ul class="legend">
          {perMonth.series.map((s, k) => (
            <li><span class="swatch" style={{ background: COLORS[k % COLORS.length] }} />{s.sender}</li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('archive_expiringPerWeek')}</h2>
        <Bars labels={weeks.map((_, i) => dayFmt.format(now + i * 7 * 86_400_000))} series={[{ name: t('archive_expires'), values: weeks }]} />
      </section>
      <section class="card size">
        <h2>{t('archive_size')}</h2>
        <p class="big" data-part="archive-size" data-bytes={size.bytes}>{formatBytes(size.bytes, locale)}</p>
        <p>{t('archive_results', size.messages)} · {t('archive_statusArchived')}: {size.archived}</p>
      </section>
      <WipeArchive onWiped={onWiped} />
    </div>
  );
}
