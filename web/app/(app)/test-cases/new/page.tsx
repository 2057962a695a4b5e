import type { Metadata } from 'next';
import { RequiresSimulations } from '../../../../components/feature-off';
import { NewTestCaseScreen } from '../../../../components/test-cases/test-case-editor-screens';

export const metadata: Metadata = { title: 'New Test Case' };

export default function NewTestCasePage() {
  return (
    <RequiresSimulations>
      <NewTestCaseScreen />
    </RequiresSimulations>
  );
}
