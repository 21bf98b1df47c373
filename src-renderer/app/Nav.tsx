import { AREAS, areaPath } from './areas';

/** The work areas, each with its Alt+number shortcut in view. */
export function Nav({ currentAreaId }: { currentAreaId: string }) {
  return (
    <nav className="nav" aria-label="Work areas">
      <ul>
        {AREAS.map((area, index) => (
          <li key={area.id}>
            <a
              href={`#${areaPath(area)}`}
              aria-current={area.id === currentAreaId ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${index + 1}`}
            >
              <span>{area.label}</span>
              <kbd>Alt+{index + 1}</kbd>
            </a>
          </li>
        ))}
      </ul>
      <p className="nav-help">
        <kbd>Ctrl+K</kbd> or <kbd>/</kbd> finds an account
      </p>
    </nav>
  );
}
