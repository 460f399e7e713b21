type Profile = { name: string; website: string; videoEmbed: string; avatar: string };

export function ProfileLinks({ profile }: { profile: Profile }) {
  return <a href={profile.website}>{profile.name}</a>;
}

export function ProfileVideo({ profile }: { profile: Profile }) {
  return <iframe src={profile.videoEmbed} title={`${profile.name}'s video`} />;
}

export function ProfileAvatar({ profile }: { profile: Profile }) {
  return <img src={profile.avatar} alt={profile.name} />;
}
