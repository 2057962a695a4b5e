import type { Metadata } from 'next';
import { RequiresSimulations } from '../../../../components/feature-off';
import { ManageTestCaseScreen } from '../../../../components/test-cases/test-case-editor-screens';

export const metadata: Metadata = { title: 'Manage Test Case' };

export default function ManageTestCasePage() {
  return (
    <RequiresSimulations>
      <ManageTestCaseScreen />
    </RequiresSimulations>
  );
}
