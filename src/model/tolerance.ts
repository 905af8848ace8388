/**
 * Tolerance for comparing quantities [units]: real-valued demand and partial shipments leave
 * rounding residues, and "is there enough stock" must not hinge on them.
 */
export const EPS = 1e-9;
