import type { ReactNode } from 'react';

/**
 * The People screen's tables (consents, objections): scrollable on narrow windows, named by
 * their section's heading, with a last column for row actions whose header only screen readers hear.
 */
export function PeopleTable({ labelledBy, columns, actions, children }: { labelledBy: string; columns: string[]; actions: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="people-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
