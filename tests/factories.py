"""Factories for accounts; each app keeps its own beside its tests (tests/<app>/factories.py)."""

import factory

from accounts.models import Department, Membership, Role, User

TEST_PASSWORD = "correct horse battery staple"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Avdelning {n}")
    code = factory.Sequence(lambda n: f"avd{n}")
    inbox_email = factory.LazyAttribute(lambda d: f"{d.code}@kommun.example")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"tjansteperson{n}@kommun.example")
    full_name = factory.Faker("name", locale="sv_SE")
    title = "Handläggare"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
    role = Role.LOTS


def official(department=None, role=Role.LOTS, **user_fields) -> User:
    """A user who is a member of ``department`` (a new one if not given) with ``role``."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, department=department or DepartmentFactory(), role=role)
    return user
