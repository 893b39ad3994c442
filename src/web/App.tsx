import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { Loading, LoadError, PageTitle } from './components/ui';
import { useOverview } from './hooks';
import { FollowAnchor } from './pages/participation/FollowAnchor';
import { ToDoNavLink } from './pages/participation/ToDo';
import type { Answer } from '../common/contract';
import type { overviewAnswer } from '../partnerships/contract';
import type { Locale } from './i18n';
import { useUnsavedChangesGuard } from './hooks';
import { useChooseLocale, useSession, useSignOut } from './session';
import { ActionLinkGate, actionLinkToken } from './pages/accounts/ActionLinkGate';
import { PUBLIC_WEB_ROUTES } from '../public-pages/rules';

const SignIn = lazy(() => import('./pages/accounts/SignIn'));
const MagicLink = lazy(() => import('./pages/accounts/MagicLink'));
const AcceptInvitation = lazy(() => import('./pages/accounts/AcceptInvitation'));
const Overview = lazy(() => import('./pages/partnerships/Overview'));
const OrganizationPage = lazy(() => import('./pages/organizations/OrganizationPage'));
const BodyPage = lazy(() => import('./pages/bodies/BodyPage'));
const ElectionPage = lazy(() => import('./pages/elections/ElectionPage'));
const MeetingPage = lazy(() => import('./pages/meetings/MeetingPage'));
const TensionPage = lazy(() => import('./pages/tensions/TensionPage'));
const ResourcesPage = lazy(() => import('./pages/resources/ResourcesPage'));
const ResourcePage = lazy(() => import('./pages/resources/ResourcePage'));
const QuestionnairesPage = lazy(() => import('./pages/questionnaires/QuestionnairesPage'));
const QuestionnairePage = lazy(() => import('./pages/questionnaires/QuestionnairePage'));
const QuestionnaireBuilder = lazy(() => import('./pages/questionnaires/QuestionnaireBuilder'));
const DatePollPage = lazy(() => import('./pages/date-polls/DatePollPage'));
const PeoplePage = lazy(() => import('./pages/people/PeoplePage'));
const PersonPage = lazy(() => import('./pages/people/PersonPage'));
const RolePage = lazy(() => import('./pages/roles/RolePage'));
const JournalPage = lazy(() => import('./pages/journal/JournalPage'));
const ExperienceReportsPage = lazy(() => import('./pages/disputes/ending/ExperienceReportsPage'));
const DisputesPage = lazy(() => import('./pages/disputes/DisputesPage'));
const DisputePage = lazy(() => import('./pages/disputes/DisputePage'));
const OutboxPage = lazy(() => import('./pages/mail/OutboxPage'));
const MailSettingsPage = lazy(() => import('./pages/mail/MailSettingsPage'));
const ChartersPage = lazy(() => import('./pages/charters/ChartersPage'));
const CharterPage = lazy(() => import('./pages/charters/CharterPage'));
const VersionPage = lazy(() => import('./pages/charters/VersionPage'));
const DraftEditor = lazy(() => import('./pages/charters/DraftEditor'));
const DiffPage = lazy(() => import('./pages/charters/DiffPage'));
const CompliancePage = lazy(() => import('./pages/charters/CompliancePage'));
const ProposalsPage = lazy(() => import('./pages/decisions/ProposalsPage'));
const ProposalPage = lazy(() => import('./pages/decisions/ProposalPage'));
const RegisterPage = lazy(() => import('./pages/decisions/RegisterPage'));
const DisagreementsPage = lazy(() => import('./pages/decisions/DisagreementsPage'));
const ActionPlanPage = lazy(() => import('./pages/action-plans/ActionPlanPage'));
const PooledMeansPage = lazy(() => import('./pages/pooled-means/PooledMeansPage'));
const BookingPage = lazy(() => import('./pages/pooled-means/BookingPage'));
const ProjectsPage = lazy(() => import('./pages/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('./pages/projects/ProjectPage'));
const SettlementPage = lazy(() => import('./pages/budgets/SettlementPage'));
const BudgetReportPage = lazy(() => import('./pages/budgets/ReportPage'));
const BudgetPage = lazy(() => import('./pages/budgets/BudgetPage'));
const FundPage = lazy(() => import('./pages/fund/FundPage'));
const FundStatementPage = lazy(() => import('./pages/fund/FundStatementPage'));
const DeliverablesPage = lazy(() => import('./pages/deliverables/DeliverablesPage'));
const AccompanimentsPage = lazy(() => import('./pages/accompaniments/AccompanimentsPage'));
const AccompanimentPage = lazy(() => import('./pages/accompaniments/AccompanimentPage'));
const AccompanimentDayPage = lazy(() => import('./pages/accompaniments/DayPage'));
const PublicPage = lazy(() => import('./pages/public-pages/PublicPage'));
const PublicResourcePage = lazy(() => import('./pages/public-pages/PublicResourcePage'));
const PublicArticlePage = lazy(() => import('./pages/public-pages/PublicArticlePage'));
const QuestionnaireResultsPage = lazy(() => import('./pages/questionnaires/results/ResultsPage'));
const AccompanimentReportPage = lazy(() => import('./pages/accompaniments/report/ReportPage'));
const MapPage = lazy(() => import('./pages/cooperation-map/MapPage'));
const HarvestPage = lazy(() => import('./pages/harvest/HarvestPage'));
const CreatePages = {
  organization: lazy(() => import('./pages/organizations/NewOrganization')),
  person: lazy(() => import('./pages/people/NewPerson')),
  body: lazy(() => import('./pages/bodies/NewBody')),
  role: lazy(() => import('./pages/roles/NewRole')),
};

type Rights = Answer<typeof overviewAnswer>['can'];

/**
 * A creation page opens its form only to those the server lets create; anyone else who follows
 * an old link reads why, rather than fill a form that would be refused.
 */
function OnlyFor({ allowed, children }: { allowed: (can: Rights) => boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const overview = useOverview();
  if (overview.isPending) return <Loading />;
  if (overview.error) return <LoadError error={overview.error} />;
  if (allowed(overview.data.can)) return children;
  return (
    <section className="narrow">
      <PageTitle title={t('common.reservedTitle')}>{t('common.reservedTitle')}</PageTitle>
      <p>{t('common.reserved')}</p>
      <p>
        <Link to={`/p/${overview.data.partnership.id}`}>{t('layout.overview')}</Link>
      </p>
    </section>
  );
}

const administers = (can: Rights) => can.manageStructure;
const managesPeople = (can: Rights) => can.manageStructure || can.manageOrganizations.length > 0;

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = useChooseLocale();
  const other: Locale = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="link-button" lang={other} onClick={() => void choose(other)}>
      {t('layout.switchLanguage')}
    </button>
  );
}

/** Who is signed in, so that someone on a shared computer sees whose name they act in: the person in this partnership, elsewhere the account. */
function SignedInAs({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <span className="signed-in-as" title={name}>
      {t('layout.signedInAs', { name })}
    </span>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { partnershipId } = useParams();
  const partnership = session.data?.partnerships.find((p) => p.id === partnershipId);
  const navList = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  // The navigation is one row that scrolls sideways when it outgrows the window: the current page's link is brought
  // clear of the faded edge, again when a link widens (the to-do count comes after the page).
  useEffect(() => {
    const list = navList.current;
    if (!list) return;
    const bringCurrentIntoView = () => {
      const active = list.querySelector('a.active');
      if (!active) return;
      const [row, link] = [list.getBoundingClientRect(), active.getBoundingClientRect()];
      const fade = 48;
      if (link.left < row.left || link.right > row.right - fade) list.scrollLeft += (link.left + link.right) / 2 - (row.left + row.right) / 2;
    };
    // Each edge fades while more links lie beyond it.
    const markEdges = () => {
      list.dataset['moreBefore'] = String(list.scrollLeft > 1);
      list.dataset['moreAfter'] = String(list.scrollLeft + list.clientWidth < list.scrollWidth - 1);
    };
    const update = () => {
      bringCurrentIntoView();
      markEdges();
    };
    update();
    const resized = new ResizeObserver(update);
    for (const item of list.children) resized.observe(item);
    list.addEventListener('scroll', markEdges, { passive: true });
    return () => {
      resized.disconnect();
      list.removeEventListener('scroll', markEdges);
    };
  }, [pathname, partnership]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand">
            Entente
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            {session.data && <SignedInAs name={partnership?.fullName ?? session.data.email} />}
            {session.data && (
              <button
                type="button"
                className="link-button"
                onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/connexion') })}
              >
                {t('layout.signOut')}
              </button>
            )}
          </div>
        </div>
        {/* Someone from outside (a dispute's mediator, an accompaniment's participant) reads what names them: no way to the rest, which answers them 404 anyway. */}
        {partnership && !partnership.outsider && (
          <nav aria-label={t('layout.mainNavigation')} className="main-nav-frame">
            <ul className="main-nav" ref={navList}>
              <li>
                <NavLink to={`/p/${partnership.id}`} end>
                  {t('layout.overview')}
                </NavLink>
              </li>
              <li>
                <ToDoNavLink partnershipId={partnership.id} />
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/chartes`}>{t('layout.charters')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/propositions`}>{t('layout.decisions')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/projets`}>{t('project.nav')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/plan-d-action`}>{t('layout.actionPlan')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/accompagnements`}>{t('layout.accompaniments')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/moyens`}>{t('layout.pooledMeans')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/caisse-commune`}>{t('layout.fund')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/conformite`}>{t('layout.compliance')}</NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/differends`}>{t('layout.disputes')}</NavLink>
              </li>
              <li>
                {/* Someone's page belongs to the people list, except one's own: that is « Ma fiche ». */}
                <NavLink to={`/p/${partnership.id}/personnes`} end={pathname === `/p/${partnership.id}/personnes/${partnership.personId}`}>
                  {t('layout.people')}
                </NavLink>
              </li>
              <li>
                <NavLink to={`/p/${partnership.id}/journal`}>{t('layout.journal')}</NavLink>
              </li>
              {partnership.isAdmin && (
                <li>
                  <NavLink to={`/p/${partnership.id}/messages`}>{t('layout.outbox')}</NavLink>
                </li>
              )}
              <li>
                <NavLink to={`/p/${partnership.id}/personnes/${partnership.personId}`}>{t('layout.me')}</NavLink>
              </li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      {partnership && <FollowAnchor />}
    </>
  );
}

/** Pages behind sign-in: visitors go to the sign-in page and come back afterwards. */
function RequireSession() {
  const [actionLink] = useState(actionLinkToken);
  if (actionLink) {
    return (
      <ActionLinkGate link={actionLink} frame={Shell}>
        <SignedIn />
      </ActionLinkGate>
    );
  }
  return <SignedIn />;
}

function SignedIn() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.error) return <LoadError error={session.error} />;
  // The anchor goes along, so a link to a form (from a mail) still lands on it once signed in.
  if (!session.data) return <Navigate to={`/connexion?retour=${encodeURIComponent(location.pathname + location.hash)}`} replace />;
  return <Outlet />;
}

function Home() {
  const { t } = useTranslation();
  const session = useSession();
  const partnerships = session.data?.partnerships ?? [];
  if (partnerships.length === 1) return <Navigate to={`/p/${partnerships[0]!.id}`} replace />;
  return (
    <section>
      <h1>{t('home.title')}</h1>
      {partnerships.length === 0 ? (
        <p>{t('home.none')}</p>
      ) : (
        <ul className="card-list">
          {partnerships.map((p) => (
            <li key={p.id} className="card">
              <Link to={`/p/${p.id}`}>{p.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('common.notFoundTitle')}</h1>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </section>
  );
}

export function App() {
  useUnsavedChangesGuard();
  return (
    <Routes>
      <Route path="/connexion" element={<Shell><SignIn /></Shell>} />
      <Route path="/connexion/lien" element={<Shell><MagicLink /></Shell>} />
      <Route path="/invitation" element={<Shell><AcceptInvitation /></Shell>} />
      <Route path="/reglages-des-messages" element={<Shell><MailSettingsPage /></Shell>} />
      {/* What partnerships publish, read without signing in, in their own frame (public-pages/PublicLayout). */}
      <Route path={PUBLIC_WEB_ROUTES.page} element={<Suspense fallback={<Loading />}><PublicPage /></Suspense>} />
      <Route path={PUBLIC_WEB_ROUTES.resource} element={<Suspense fallback={<Loading />}><PublicResourcePage /></Suspense>} />
      <Route path={PUBLIC_WEB_ROUTES.article} element={<Suspense fallback={<Loading />}><PublicArticlePage /></Suspense>} />
      <Route element={<RequireSession />}>
        <Route path="/" element={<Shell><Home /></Shell>} />
        <Route path="/p/:partnershipId">
          <Route index element={<Shell><Overview /></Shell>} />
          <Route path="structures/nouvelle" element={<Shell><OnlyFor allowed={administers}><CreatePages.organization /></OnlyFor></Shell>} />
          <Route path="structures/:organizationId" element={<Shell><OrganizationPage /></Shell>} />
          <Route path="instances/nouvelle" element={<Shell><OnlyFor allowed={administers}><CreatePages.body /></OnlyFor></Shell>} />
          <Route path="instances/:bodyId" element={<Shell><BodyPage /></Shell>} />
          <Route path="personnes" element={<Shell><PeoplePage /></Shell>} />
          <Route path="personnes/nouvelle" element={<Shell><OnlyFor allowed={managesPeople}><CreatePages.person /></OnlyFor></Shell>} />
          <Route path="personnes/:personId" element={<Shell><PersonPage /></Shell>} />
          <Route path="roles/nouveau" element={<Shell><OnlyFor allowed={administers}><CreatePages.role /></OnlyFor></Shell>} />
          <Route path="roles/:roleId" element={<Shell><RolePage /></Shell>} />
          <Route path="journal" element={<Shell><JournalPage /></Shell>} />
          <Route path="retours-d-experience" element={<Shell><ExperienceReportsPage /></Shell>} />
          <Route path="differends" element={<Shell><DisputesPage /></Shell>} />
          <Route path="differends/:disputeId" element={<Shell><DisputePage /></Shell>} />
          <Route path="messages" element={<Shell><OutboxPage /></Shell>} />
          <Route path="chartes" element={<Shell><ChartersPage /></Shell>} />
          <Route path="chartes/:charterId" element={<Shell><CharterPage /></Shell>} />
          <Route path="chartes/:charterId/comparer" element={<Shell><DiffPage /></Shell>} />
          <Route path="chartes/:charterId/versions/:versionId" element={<Shell><VersionPage /></Shell>} />
          <Route path="chartes/:charterId/versions/:versionId/modifier" element={<Shell><DraftEditor /></Shell>} />
          <Route path="chartes/:charterId/livrables" element={<Shell><DeliverablesPage /></Shell>} />
          <Route path="chartes/:charterId/livrables/:deliverableId" element={<Shell><DeliverablesPage /></Shell>} />
          <Route path="conformite" element={<Shell><CompliancePage /></Shell>} />
          <Route path="propositions" element={<Shell><ProposalsPage /></Shell>} />
          <Route path="propositions/:proposalId" element={<Shell><ProposalPage /></Shell>} />
          <Route path="instances/:bodyId/decisions" element={<Shell><RegisterPage /></Shell>} />
          <Route path="desaccords" element={<Shell><DisagreementsPage /></Shell>} />
          <Route path="plan-d-action" element={<Shell><ActionPlanPage /></Shell>} />
          <Route path="moyens" element={<Shell><PooledMeansPage /></Shell>} />
          <Route path="moyens/reservations/:bookingId" element={<Shell><BookingPage /></Shell>} />
          <Route path="projets" element={<Shell><ProjectsPage /></Shell>} />
          <Route path="projets/:projectId" element={<Shell><ProjectPage /></Shell>} />
          <Route path="projets/:projectId/budget" element={<Shell><BudgetPage /></Shell>} />
          <Route path="budgets/:budgetId" element={<Shell><BudgetPage /></Shell>} />
          <Route path="budgets/:budgetId/reglement" element={<Shell><SettlementPage /></Shell>} />
          <Route path="projets/:projectId/budget/compte-rendu" element={<Shell><BudgetReportPage /></Shell>} />
          <Route path="caisse-commune" element={<Shell><FundPage /></Shell>} />
          <Route path="caisse-commune/bilan" element={<Shell><FundStatementPage /></Shell>} />
          <Route path="elections/:electionId" element={<Shell><ElectionPage /></Shell>} />
          <Route path="reunions/:meetingId" element={<Shell><MeetingPage /></Shell>} />
          <Route path="tensions/:tensionId" element={<Shell><TensionPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/ressources" element={<Shell><ResourcesPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/ressources/:resourceId" element={<Shell><ResourcePage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/questionnaires" element={<Shell><QuestionnairesPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/questionnaires/nouveau" element={<Shell><QuestionnaireBuilder /></Shell>} />
          <Route path="accompagnements/:accompanimentId/questionnaires/:questionnaireId" element={<Shell><QuestionnairePage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/questionnaires/:questionnaireId/modifier" element={<Shell><QuestionnaireBuilder /></Shell>} />
          <Route path="sondages/:pollId" element={<Shell><DatePollPage /></Shell>} />
          <Route path="accompagnements" element={<Shell><AccompanimentsPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId" element={<Shell><AccompanimentPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/journees/:dayId" element={<Shell><AccompanimentDayPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/questionnaires/:questionnaireId/resultats" element={<Shell><QuestionnaireResultsPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/rapport" element={<Shell><AccompanimentReportPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/carte" element={<Shell><MapPage /></Shell>} />
          <Route path="accompagnements/:accompanimentId/moisson" element={<Shell><HarvestPage /></Shell>} />
        </Route>
      </Route>
      <Route path="*" element={<Shell><NotFound /></Shell>} />
    </Routes>
  );
}
